package io.netpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
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
        assertThatThrownBy(() -> DEFAULTS.reading(EnumSet.of(TopicNames.Input.TELEGRAF, TopicNames.Input.COUNTERS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("at least one flow input must be read");
        assertThatThrownBy(() -> DEFAULTS.reading(EnumSet.of(TopicNames.Input.FLOWS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("at least one counter input must be read");
    }

    @Test
    void anInputIsFoundByItsConfigurationKey() {
        assertThat(TopicNames.Input.byKey("flow-messages")).contains(TopicNames.Input.FLOW_MESSAGES);
        assertThat(TopicNames.Input.byKey("FLOW_MESSAGES")).isEmpty();
    }
}
