package io.netpulse.topology.sourcestats;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpulse.schema.aggregate.SecondSlot;
import io.netpulse.schema.aggregate.SourceSeconds;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestRowsTest {

    private static final long MINUTE = 60_000L;
    private static final long RETENTION = 10 * MINUTE;

    private final SourceStatsProcessor.LatestRows rows = new SourceStatsProcessor.LatestRows(RETENTION);

    private static SourceSeconds row(long flows) {
        return new SourceSeconds(List.of(new SecondSlot(10, flows, 100L * flows, 0L, flows, 0L)));
    }

    @Test
    void aSourcesRowIsHeldForItsOwnMinuteOnly() {
        rows.wrote("10.0.0.1", 5 * MINUTE, row(3));

        assertThat(rows.of("10.0.0.1", 5 * MINUTE)).isEqualTo(row(3));
        assertThat(rows.of("10.0.0.1", 6 * MINUTE)).isNull();
        assertThat(rows.of("10.0.0.2", 5 * MINUTE)).isNull();

        rows.wrote("10.0.0.1", 6 * MINUTE, row(1));
        assertThat(rows.of("10.0.0.1", 5 * MINUTE)).isNull();
        assertThat(rows.of("10.0.0.1", 6 * MINUTE)).isEqualTo(row(1));
    }

    /** Newest minute 20, 10 kept: minute 11 is read from the store again, minute 12 still held. */
    @Test
    void aRowWithinAMinuteOfLeavingTheRetentionIsReadAgain() {
        rows.wrote("10.0.0.3", 20 * MINUTE, row(3));

        assertReadAgainAtAndHeldAfter(11 * MINUTE);
    }

    /**
     * After a restore the store already knows minute 30 (retention measured from there), while this task has written
     * nothing yet: restarted with its sources' newest record (minute 30, second 5), a row it then writes at minute 0
     * is read from the store again; restarted knowing nothing, the same row would be kept.
     */
    @Test
    void aRestartStartsTheRetentionAtTheNewestRecordItsSourcesHad() {
        rows.restart(30 * MINUTE + 5_000L);
        rows.wrote("10.0.0.1", 0, row(1));
        assertThat(rows.of("10.0.0.1", 0)).isNull();
        assertThat(rows.size()).isEqualTo(1);

        rows.restart(Long.MIN_VALUE);
        assertThat(rows.size()).isZero();
        rows.wrote("10.0.0.1", 0, row(1));
        assertThat(rows.of("10.0.0.1", 0)).isEqualTo(row(1));
    }

    /** Newest record at 30:59.999, so newest minute 30: minute 22 is held, minute 21 (a minute early) read again. */
    @Test
    void aRestartsNewestMinuteIsTheMinuteOfTheNewestRecord() {
        rows.restart(30 * MINUTE + 59_999L);

        assertReadAgainAtAndHeldAfter(21 * MINUTE);
    }

    /** One source writes {@code minute}, another the minute after: the first is read again, the second held. */
    private void assertReadAgainAtAndHeldAfter(long minute) {
        rows.wrote("10.0.0.1", minute, row(1));
        rows.wrote("10.0.0.2", minute + MINUTE, row(2));

        assertThat(rows.of("10.0.0.1", minute)).isNull();
        assertThat(rows.of("10.0.0.2", minute + MINUTE)).isEqualTo(row(2));
    }

    @Test
    void theLeastRecentlyUsedSourceGoesBeyondTheBoundAndClearEmptiesAll() {
        for (int i = 0; i <= SourceStatsProcessor.LatestRows.MAX_ROWS; i++) {
            rows.wrote("source-" + i, MINUTE, row(i + 1));
            if (i == 10) {
                rows.wrote("source-0", MINUTE, row(100)); // written again: now the most recent of the first eleven
            }
        }

        assertThat(rows.size()).isEqualTo(SourceStatsProcessor.LatestRows.MAX_ROWS);
        assertThat(rows.of("source-1", MINUTE)).isNull();
        assertThat(rows.of("source-0", MINUTE)).isEqualTo(row(100));
        assertThat(rows.of("source-1024", MINUTE)).isEqualTo(row(1025));

        rows.clear();
        assertThat(rows.size()).isZero();
        assertThat(rows.of("source-1024", MINUTE)).isNull();
    }
}
