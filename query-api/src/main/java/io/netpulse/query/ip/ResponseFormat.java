package io.netpulse.query.ip;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HttpMediaType;
import io.netpulse.query.pipeline.Accept;
import io.netpulse.query.pipeline.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The two answer formats and the choice between them. JSON is the seed's array of data sets; CSV (RFC 4180) is a
 * header line {@code count,date,values} and one row per data set, every line ending in CRLF. No field ever needs
 * quoting: counts and values are plain numbers and dates {@code yyyy-MM-dd HH:mm:ss}. Errors are JSON whatever
 * was asked for, since the seed defines them so.
 */
public enum ResponseFormat {
    /** {@code application/json}: also the answer to no Accept header and to {@code *}{@code /*}. */
    JSON(MediaTypes.APPLICATION_JSON, "application/json"),
    /** {@code text/csv}. */
    CSV(MediaTypes.create("text", "csv"), "text/csv; charset=UTF-8; header=present");

    /** The CSV header line. */
    public static final String CSV_HEADER = "count,date,values\r\n";

    private final MediaType mediaType;
    private final String contentType;

    ResponseFormat(MediaType mediaType, String contentType) {
        this.mediaType = mediaType;
        this.contentType = contentType;
    }

    /** The media type, as negotiated. */
    public MediaType mediaType() {
        return mediaType;
    }

    /** The Content-Type of an answer in this format. */
    public String contentType() {
        return contentType;
    }

    /**
     * The format to answer a request whose Accept header lists {@code accepted} (empty without the header), as
     * {@link Accept#best} chooses: JSON on a tie; none when both have quality 0.
     */
    public static Optional<ResponseFormat> negotiate(List<HttpMediaType> accepted) {
        return Accept.best(accepted, Arrays.stream(values()).map(format -> format.mediaType).toList())
                .map(ResponseFormat::of);
    }

    /** The format of {@code type}, one of the two served. */
    static ResponseFormat of(MediaType type) {
        return Arrays.stream(values()).filter(format -> format.mediaType.text().equals(type.text())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a served type: " + type.text()));
    }

    /** The answer body of {@code dataSets}. */
    public byte[] write(List<IpTrafficDataSet> dataSets) {
        return switch (this) {
            case JSON -> Json.bytes(dataSets);
            case CSV -> {
                StringBuilder csv = new StringBuilder(CSV_HEADER);
                for (IpTrafficDataSet dataSet : dataSets) {
                    csv.append(dataSet.count()).append(',').append(dataSet.date()).append(',')
                            .append(dataSet.values().toPlainString()).append("\r\n");
                }
                yield csv.toString().getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
