package io.netpulse.topology.inputs.counters.telegraf;

import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A device's rows keep their order in a batch, and a batch stops growing at its byte bound. */
class RowBatchTest {

    @Test
    void keepsTheRowsInTheOrderTheyCame() {
        UptimeRow uptime = new UptimeRow("r1", T0, 100);
        InterfaceRow first = new InterfaceRow("r1", 1, null, null, T0.plusMillis(10), null, null, null, null);
        InterfaceRow second = new InterfaceRow("r1", 2, null, null, T0.plusMillis(5), null, null, null, null);

        RowBatch batch = RowBatch.of(uptime).plus(RowBatch.of(first)).plus(RowBatch.of(List.of(second, first)));

        assertThat(batch.rows()).containsExactly(uptime, first, second, first);
    }

    @Test
    void takesRowsUpToItsByteBound() {
        // An uptime row of device "r1" counts 112 fixed bytes and 5 + 3 x 2 for its device: 123. 532 of them are
        // 65,436 bytes, within 65,536; a 533rd would make 65,559.
        RowBatch one = RowBatch.of(new UptimeRow("r1", T0, 1));
        List<TelegrafRow> rows = new ArrayList<>();
        for (int i = 0; i < 531; i++) {
            rows.add(new UptimeRow("r1", T0.plusSeconds(i), i));
        }
        RowBatch held = RowBatch.of(rows);

        assertThat(RowBatch.fits(held, one)).isTrue();
        held = held.plus(one);
        assertThat(held.rows()).hasSize(532);
        assertThat(RowBatch.fits(held, RowBatch.of(new UptimeRow("r1", T0, 2)))).isFalse();
    }
}
