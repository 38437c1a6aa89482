package io.netpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

    private static final TopicNames DEFAULTS = TopicNames.defaults();

    @Test
    void everyInputIsReadByDefaultAfterTheInventory() {
        assertThat(DEFAULTS.inputs()).containsExactly("netpulse.inventory", "netpulse.counters", "telegraf",
                "netpulse.flows", "flow-messages", "pmacct.acct");
    }

    @Test
    void readingSomeInputsLeavesTheOthersTopicsOutButKeepsTheirNames() {
        TopicNames countersAndPmacct = DEFAULTS.reading(EnumSet.of(TopicNames.Input.PMACCT,
                TopicNames.Input.COUNTERS));

        assertThat(countersAndPmacct.inputs()).containsExactly("netpulse.inventory", "netpulse.counters",
                "pmacct.acct");
        assertThat(countersAndPmacct.reads(TopicNames.Input.FLOWS)).isFalse();
        assertThat(countersAndPmacct.topic(TopicNames.Input.FLOWS)).isEqualTo("netpulse.flows");
        assertThat(countersAndPmacct.topic(TopicNames.Input.FLOW_MESSAGES)).isEqualTo("flow-messages");
    }

    @Test
    void eachKindNeedsAnInputRead() {
        String problem = "name at least one counter input (counters, telegraf) and one flow input (flows,"
                + " flow-messages, pmacct)";
        assertThatThrownBy(() -> DEFAULTS.reading(EnumSet.of(TopicNames.Input.TELEGRAF, TopicNames.Input.COUNTERS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(problem);
        assertThatThrownBy(() -> DEFAULTS.reading(EnumSet.of(TopicNames.Input.FLOWS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(problem);
        assertThat(TopicNames.Input.ofKeys(List.of("pmacct", "telegraf")))
                .isEqualTo(EnumSet.of(TopicNames.Input.TELEGRAF, TopicNames.Input.PMACCT));
        assertThatThrownBy(() -> TopicNames.Input.ofKeys(List.of("pmacct", "sflow")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown input 'sflow': the inputs are counters, telegraf, flows, flow-messages, pmacct");
    }

    @Test
    void anInputIsFoundByItsConfigurationKey() {
        assertThat(TopicNames.Input.byKey("flow-messages")).contains(TopicNames.Input.FLOW_MESSAGES);
        assertThat(TopicNames.Input.byKey("FLOW_MESSAGES")).isEmpty();
    }
}
