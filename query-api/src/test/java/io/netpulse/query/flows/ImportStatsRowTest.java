package io.netpulse.query.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.SourceStats;
import io.netpulse.topology.IpAddresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImportStatsRowTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long T1 = T0 + 60_000;

    @Test
    void timeIsTheSeedsTextOfTheBucketStart() {
        assertThat(ImportStatsRow.timeOf(T1)).isEqualTo("2026-01-01 00:01:00+00:00");
    }

    @Test
    void rowsComeByTimeThenByAddressNumericallyIpv4First() {
        List<ImportStatsRow> rows = List.of(row(T1, "2001:db8::1"), row(T1, "10.0.0.10"), row(T0, "10.0.0.9"),
                row(T1, "9.255.255.255"), row(T0, "2001:db8::"), row(T0, "10.0.0.10"), row(T1, "10.0.0.9"));

        assertThat(ImportStatsRow.inOrder(rows)).extracting(row -> row.time().substring(14, 16) + " "
                + row.sourceIp()).containsExactly(
                "00 10.0.0.9", "00 10.0.0.10", "00 2001:db8::",
                "01 9.255.255.255", "01 10.0.0.9", "01 10.0.0.10", "01 2001:db8::1");
    }

    @Test
    void theOrderIsThatOfComparingTimesThenParsedAddresses() {
        Random random = new Random(7);
        List<ImportStatsRow> rows = new ArrayList<>();
        for (int minute = 0; minute < 30; minute++) {
            for (int source = 0; source < 40; source++) {
                String address = source % 4 == 0 ? "2001:db8::" + Integer.toHexString(random.nextInt(65_536))
                        : random.nextInt(256) + "." + random.nextInt(256) + ".0." + source;
                rows.add(row(T0 + minute * 60_000L, address));
            }
        }
        Collections.shuffle(rows, random);
        List<ImportStatsRow> expected = new ArrayList<>(rows);
        expected.sort(Comparator.comparing(ImportStatsRow::time)
                .thenComparing(row -> IpAddresses.toBytes(row.sourceIp()), IpAddresses.BYTES_ORDER));

        assertThat(ImportStatsRow.inOrder(rows)).containsExactlyElementsOf(expected);
    }

    private static ImportStatsRow row(long bucketStart, String source) {
        return ImportStatsRow.of(ImportStatsRow.timeOf(bucketStart), source, new SourceStats(1L, 2L, 0L, 3L, 0L,
                1L, 2L, 3L));
    }
}
