package io.netpulse.query.toptalkers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.netpulse.topology.toptalkers.TalkerLists;
import java.util.List;

/**
 * The answer: the busiest {@code n} source and destination addresses of one source device or site over the
 * range, both sides in one answer, with the totals they are part of.
 *
 * @param scope        {@code source} or {@code site}
 * @param id           the source device's address or the site's UUID, canonical
 * @param start        start of the range, inclusive, ISO 8601 UTC
 * @param end          end of the range, exclusive
 * @param by           {@code bytes} or {@code packets}: what ranks the addresses
 * @param n            addresses asked for per side
 * @param totalBytes   every byte of the scope in the range, exact
 * @param totalPackets every packet of the scope in the range, exact
 * @param sources      busiest source addresses, most first, ties by address
 * @param destinations busiest destination addresses, likewise
 */
@JsonPropertyOrder({"scope", "id", "start", "end", "by", "n", "total_bytes", "total_packets", "sources",
        "destinations"})
public record TopTalkersAnswer(
        @JsonProperty("scope") String scope,
        @JsonProperty("id") String id,
        @JsonProperty("start") String start,
        @JsonProperty("end") String end,
        @JsonProperty("by") String by,
        @JsonProperty("n") int n,
        @JsonProperty("total_bytes") long totalBytes,
        @JsonProperty("total_packets") long totalPackets,
        @JsonProperty("sources") List<Talker> sources,
        @JsonProperty("destinations") List<Talker> destinations) {

    /**
     * One address. Its counts are what is known for certain; the true count lies within the error above it (0
     * when the range's lists kept it throughout).
     *
     * @param address      the address, canonical text
     * @param bytes        bytes, at least
     * @param bytesError   at most this many more bytes
     * @param packets      packets, at least
     * @param packetsError at most this many more packets
     * @param guaranteed   whether it is certainly among the first {@code n}: no address outside the answer can
     *                     have more of what ranks them than it has at least
     */
    @JsonPropertyOrder({"address", "bytes", "bytes_error", "packets", "packets_error", "guaranteed"})
    public record Talker(
            @JsonProperty("address") String address,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("bytes_error") long bytesError,
            @JsonProperty("packets") long packets,
            @JsonProperty("packets_error") long packetsError,
            @JsonProperty("guaranteed") boolean guaranteed) {

        static Talker of(TalkerLists.Ranked ranked) {
            return new Talker(ranked.address(), ranked.bytes(), ranked.bytesError(), ranked.packets(),
                    ranked.packetsError(), ranked.guaranteed());
        }
    }
}
