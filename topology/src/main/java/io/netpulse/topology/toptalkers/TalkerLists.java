package io.netpulse.topology.toptalkers;

import io.netpulse.schema.aggregate.Talker;
import io.netpulse.schema.aggregate.TalkerList;
import io.netpulse.schema.aggregate.TopTalkers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The arithmetic of top-talker lists, pure. A minute's list starts exact (every address counted while the minute
 * is open) and is cut at close to the union of its {@code capacity} busiest addresses by bytes and by packets;
 * what it drops is bounded by {@code otherBytesMax} / {@code otherPacketsMax}, the most any dropped address had.
 * Lists merge by summing: an address missing from one list may have had up to that list's bound there, which its
 * error then carries. Every result depends on the lists' contents only, never on their order: ties rank by address.
 *
 * <p>Bound: a dropped address had no more than the {@code capacity + 1}-th count, so at most
 * {@code total / (capacity + 1)} of its bucket; an hour cut again adds at most as much once more.
 */
public final class TalkerLists {

    /** Ranks busiest first, then by address, so equal counts always rank the same. */
    private static final Comparator<Talker> BY_BYTES = Comparator.comparingLong(Talker::getBytes).reversed()
            .thenComparing(Talker::getAddress);
    private static final Comparator<Talker> BY_PACKETS = Comparator.comparingLong(Talker::getPackets).reversed()
            .thenComparing(Talker::getAddress);

    private TalkerLists() {
    }

    /** Exact counts of one address on one side. */
    public record Counts(long bytes, long packets) {
    }

    /** A bucket without traffic. */
    public static TopTalkers empty() {
        return new TopTalkers(emptyList(), emptyList(), 0L, 0L);
    }

    private static TalkerList emptyList() {
        return new TalkerList(List.of(), 0L, 0L);
    }

    /**
     * The exact list of one side, cut to {@code capacity} per ranking. The empty address (a frame without IP
     * header) is not a talker and is left out.
     */
    public static TalkerList exact(Map<String, Counts> counts, int capacity) {
        List<Talker> talkers = new ArrayList<>(counts.size());
        new TreeMap<>(counts).forEach((address, value) -> {
            if (!address.isEmpty()) {
                talkers.add(new Talker(address, value.bytes(), 0L, value.packets(), 0L));
            }
        });
        return cut(talkers, 0L, 0L, capacity);
    }

    /** Both sides and the totals of an open bucket's exact counts. */
    public static TopTalkers exact(Map<String, Counts> sources, Map<String, Counts> destinations, int capacity) {
        long bytes = 0;
        long packets = 0;
        for (Counts counts : sources.values()) {
            bytes = Math.addExact(bytes, counts.bytes());
            packets = Math.addExact(packets, counts.packets());
        }
        return new TopTalkers(exact(sources, capacity), exact(destinations, capacity), bytes, packets);
    }

    /** The sum of {@code buckets}, each side cut to {@code capacity} per ranking ({@link Integer#MAX_VALUE}: uncut). */
    public static TopTalkers merge(List<TopTalkers> buckets, int capacity) {
        long bytes = 0;
        long packets = 0;
        for (TopTalkers bucket : buckets) {
            bytes = Math.addExact(bytes, bucket.getBytes());
            packets = Math.addExact(packets, bucket.getPackets());
        }
        return new TopTalkers(
                mergeSide(buckets.stream().map(TopTalkers::getSources).toList(), capacity),
                mergeSide(buckets.stream().map(TopTalkers::getDestinations).toList(), capacity), bytes, packets);
    }

    /** The sum of one side's lists, cut to {@code capacity} per ranking. */
    public static TalkerList mergeSide(List<TalkerList> lists, int capacity) {
        long otherBytes = 0;
        long otherPackets = 0;
        for (TalkerList list : lists) {
            otherBytes = Math.addExact(otherBytes, list.getOtherBytesMax());
            otherPackets = Math.addExact(otherPackets, list.getOtherPacketsMax());
        }
        // Per address: its counts and errors where listed, and the bounds of the lists that list it (its error
        // elsewhere is the sum of every other list's bound).
        TreeMap<String, long[]> sums = new TreeMap<>();
        for (TalkerList list : lists) {
            for (Talker talker : list.getTalkers()) {
                long[] sum = sums.computeIfAbsent(talker.getAddress(), any -> new long[6]);
                sum[0] = Math.addExact(sum[0], talker.getBytes());
                sum[1] = Math.addExact(sum[1], talker.getBytesError());
                sum[2] = Math.addExact(sum[2], list.getOtherBytesMax());
                sum[3] = Math.addExact(sum[3], talker.getPackets());
                sum[4] = Math.addExact(sum[4], talker.getPacketsError());
                sum[5] = Math.addExact(sum[5], list.getOtherPacketsMax());
            }
        }
        List<Talker> talkers = new ArrayList<>(sums.size());
        for (Map.Entry<String, long[]> entry : sums.entrySet()) {
            long[] sum = entry.getValue();
            talkers.add(new Talker(entry.getKey(), sum[0], sum[1] + otherBytes - sum[2], sum[3],
                    sum[4] + otherPackets - sum[5]));
        }
        return cut(talkers, otherBytes, otherPackets, capacity);
    }

    /**
     * Keeps the {@code capacity} first by bytes and the {@code capacity} first by packets (listed by address);
     * each bound becomes the larger of the old one and the most a dropped address may have had.
     *
     * @param talkers ascending by address
     */
    private static TalkerList cut(List<Talker> talkers, long otherBytes, long otherPackets, int capacity) {
        if (talkers.size() <= capacity) {
            return new TalkerList(talkers, otherBytes, otherPackets);
        }
        Set<String> kept = new HashSet<>();
        talkers.stream().sorted(BY_BYTES).limit(capacity).forEach(talker -> kept.add(talker.getAddress()));
        talkers.stream().sorted(BY_PACKETS).limit(capacity).forEach(talker -> kept.add(talker.getAddress()));
        List<Talker> keep = new ArrayList<>(kept.size());
        long bytesBound = otherBytes;
        long packetsBound = otherPackets;
        for (Talker talker : talkers) {
            if (kept.contains(talker.getAddress())) {
                keep.add(talker);
            } else {
                bytesBound = Math.max(bytesBound, talker.getBytes() + talker.getBytesError());
                packetsBound = Math.max(packetsBound, talker.getPackets() + talker.getPacketsError());
            }
        }
        return new TalkerList(keep, bytesBound, packetsBound);
    }

    /** What a ranking counts. */
    public enum By {
        BYTES(Talker::getBytes, Talker::getBytesError, TalkerList::getOtherBytesMax),
        PACKETS(Talker::getPackets, Talker::getPacketsError, TalkerList::getOtherPacketsMax);

        private final ToLongFunction<Talker> value;
        private final ToLongFunction<Talker> error;
        private final ToLongFunction<TalkerList> other;

        By(ToLongFunction<Talker> value, ToLongFunction<Talker> error, ToLongFunction<TalkerList> other) {
            this.value = value;
            this.error = error;
            this.other = other;
        }
    }

    /**
     * One address of a ranking.
     *
     * @param address    the address
     * @param bytes      its bytes, a lower bound when {@code bytesError} is above 0
     * @param bytesError the true bytes lie in [bytes, bytes + bytesError]
     * @param packets    its packets, likewise
     * @param packetsError the true packets lie in [packets, packets + packetsError]
     * @param guaranteed whether it is certainly among the first {@code n}: no address outside the answer can have
     *                   more of what is ranked than it has at least
     */
    public record Ranked(String address, long bytes, long bytesError, long packets, long packetsError,
                         boolean guaranteed) {
    }

    /** The first {@code n} of {@code list} by {@code by}, most first, ties by address. */
    public static List<Ranked> top(TalkerList list, int n, By by) {
        List<Talker> sorted = new ArrayList<>(list.getTalkers());
        sorted.sort(Comparator.comparingLong(by.value).reversed().thenComparing(Talker::getAddress));
        long outside = by.other.applyAsLong(list);
        for (int i = n; i < sorted.size(); i++) {
            Talker talker = sorted.get(i);
            outside = Math.max(outside, by.value.applyAsLong(talker) + by.error.applyAsLong(talker));
        }
        List<Ranked> ranked = new ArrayList<>(Math.min(n, sorted.size()));
        for (Talker talker : sorted.subList(0, Math.min(n, sorted.size()))) {
            ranked.add(new Ranked(talker.getAddress(), talker.getBytes(), talker.getBytesError(),
                    talker.getPackets(), talker.getPacketsError(), by.value.applyAsLong(talker) >= outside));
        }
        return ranked;
    }
}
