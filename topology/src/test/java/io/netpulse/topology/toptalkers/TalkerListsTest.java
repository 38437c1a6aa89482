package io.netpulse.topology.toptalkers;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.Talker;
import io.netpulse.schema.aggregate.TalkerList;
import io.netpulse.topology.toptalkers.TalkerLists.By;
import io.netpulse.topology.toptalkers.TalkerLists.Counts;
import io.netpulse.topology.toptalkers.TalkerLists.Ranked;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TalkerListsTest {

    private static Talker talker(String address, long bytes, long bytesError, long packets, long packetsError) {
        return new Talker(address, bytes, bytesError, packets, packetsError);
    }

    @Test
    void anExactListKeepsTheUnionOfBothRankingsAndBoundsWhatItDrops() {
        Map<String, Counts> counts = new LinkedHashMap<>();
        counts.put("192.0.2.5", new Counts(10, 1));
        counts.put("192.0.2.1", new Counts(50, 1));
        counts.put("192.0.2.2", new Counts(40, 9));
        counts.put("192.0.2.3", new Counts(30, 8));
        counts.put("192.0.2.4", new Counts(20, 2));
        counts.put("", new Counts(1000, 1000));

        // capacity 2: by bytes .1 (50) and .2 (40); by packets .2 (9) and .3 (8); .4 and .5 go, the most they had
        // is 20 bytes (.4) and 2 packets (.4); the empty address (no IP header) is no talker
        assertThat(TalkerLists.exact(counts, 2)).isEqualTo(new TalkerList(List.of(
                talker("192.0.2.1", 50, 0, 1, 0),
                talker("192.0.2.2", 40, 0, 9, 0),
                talker("192.0.2.3", 30, 0, 8, 0)), 20L, 2L));
    }

    @Test
    void mergingSumsWhatIsListedAndChargesEachListsBoundWhereAnAddressIsMissing() {
        TalkerList first = new TalkerList(List.of(talker("a", 100, 0, 10, 0), talker("b", 50, 0, 5, 0)), 20L, 2L);
        TalkerList second = new TalkerList(List.of(talker("a", 30, 0, 3, 0), talker("c", 60, 0, 6, 0)), 10L, 1L);

        // a: 130 in both; b: 50 + up to 10 from the second; c: 60 + up to 20 from the first; others: up to 30
        assertThat(TalkerLists.mergeSide(List.of(first, second), Integer.MAX_VALUE)).isEqualTo(new TalkerList(List.of(
                talker("a", 130, 0, 13, 0),
                talker("b", 50, 10, 5, 1),
                talker("c", 60, 20, 6, 2)), 30L, 3L));
    }

    @Test
    void mergingDoesNotDependOnTheOrderOfTheLists() {
        TalkerList first = new TalkerList(List.of(talker("a", 100, 0, 10, 0), talker("b", 50, 0, 5, 0)), 20L, 2L);
        TalkerList second = new TalkerList(List.of(talker("a", 30, 0, 3, 0), talker("c", 60, 0, 6, 0)), 10L, 1L);
        TalkerList third = new TalkerList(List.of(talker("d", 70, 0, 1, 0), talker("b", 45, 0, 50, 0)), 5L, 1L);

        TalkerList forward = TalkerLists.mergeSide(List.of(first, second, third), 2);
        assertThat(TalkerLists.mergeSide(List.of(third, first, second), 2)).isEqualTo(forward);
        assertThat(TalkerLists.mergeSide(List.of(second, third, first), 2)).isEqualTo(forward);
        // bounds of no list: 35 bytes, 4 packets. a 130 (+5), b 95 (+10), c 60 (+25), d 70 (+30); packets a 13
        // (+1), b 55 (+1), c 6 (+3), d 1 (+3). By bytes a and b, by packets b and a; c and d go: the most they
        // may have had is 100 bytes (d: 70 + 30) and 9 packets (c: 6 + 3)
        assertThat(forward).isEqualTo(new TalkerList(List.of(
                talker("a", 130, 5, 13, 1),
                talker("b", 95, 10, 55, 1)), 100L, 9L));
    }

    @Test
    void theBoundHoldsForAnAddressEveryMinuteDropped() {
        // Three minutes, capacity 1. x is second in each, so each minute drops it; overall it is the busiest.
        TalkerList minute1 = TalkerLists.exact(Map.of("a", new Counts(10, 1), "x", new Counts(9, 1)), 1);
        TalkerList minute2 = TalkerLists.exact(Map.of("b", new Counts(10, 1), "x", new Counts(9, 1)), 1);
        TalkerList minute3 = TalkerLists.exact(Map.of("c", new Counts(10, 1), "x", new Counts(9, 1)), 1);
        assertThat(minute1).isEqualTo(new TalkerList(List.of(talker("a", 10, 0, 1, 0)), 9L, 1L));

        TalkerList range = TalkerLists.mergeSide(List.of(minute1, minute2, minute3), Integer.MAX_VALUE);
        // a, b and c: 10 known, up to 9 more in each of the two minutes that dropped them; x (27 in truth) is
        // within the 27 of "any other address"
        assertThat(range).isEqualTo(new TalkerList(List.of(
                talker("a", 10, 18, 1, 2), talker("b", 10, 18, 1, 2), talker("c", 10, 18, 1, 2)), 27L, 3L));
        // the stated bound: total / (capacity + 1) per bucket = 19 / 2 each, 28.5 over the range; the error is 18
        long total = 3 * 19;
        assertThat(18.0).isLessThanOrEqualTo(total / 2.0);
        assertThat(27L).isLessThanOrEqualTo(range.getOtherBytesMax());
        // so the answer does not claim a is certainly first: b could have 28 and any other 27
        assertThat(TalkerLists.top(range, 1, By.BYTES)).containsExactly(new Ranked("a", 10, 18, 1, 2, false));
    }

    @Test
    void anExactListRanksTiesByAddressAndGuaranteesWhatNothingOutsideCanBeat() {
        TalkerList list = TalkerLists.exact(Map.of(
                "198.51.100.2", new Counts(500, 5),
                "198.51.100.1", new Counts(500, 7),
                "198.51.100.3", new Counts(100, 9)), 10);

        assertThat(TalkerLists.top(list, 2, By.BYTES)).containsExactly(
                new Ranked("198.51.100.1", 500, 0, 7, 0, true),
                new Ranked("198.51.100.2", 500, 0, 5, 0, true));
        assertThat(TalkerLists.top(list, 2, By.PACKETS)).containsExactly(
                new Ranked("198.51.100.3", 100, 0, 9, 0, true),
                new Ranked("198.51.100.1", 500, 0, 7, 0, true));
        assertThat(TalkerLists.top(list, 5, By.PACKETS)).hasSize(3);
    }
}
