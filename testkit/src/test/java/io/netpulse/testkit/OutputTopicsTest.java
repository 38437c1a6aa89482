package io.netpulse.testkit;

import static io.netpulse.testkit.OutputTopics.assertEmpty;
import static io.netpulse.testkit.OutputTopics.assertExactly;
import static io.netpulse.testkit.OutputTopics.assertExactlyValues;
import static io.netpulse.testkit.TestTime.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact-output assertions over a topology that upper-cases its input. */
class OutputTopicsTest {

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> in;
    private TestOutputTopic<String, String> out;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).mapValues(v -> v.toUpperCase())
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "output-topics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props, T0);
        in = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
        out = driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void theWholeOutputInOrderPasses() {
        in.pipeInput("a", "x", T0);
        in.pipeInput("b", "y", T0.plusSeconds(1));

        assertExactly(out, KeyValue.pair("a", "X"), KeyValue.pair("b", "Y"));
        assertEmpty(out);
    }

    @Test
    void aRecordTooManyFails() {
        in.pipeInput("a", "x", T0);
        in.pipeInput("a", "x", T0.plusSeconds(1));

        assertThatThrownBy(() -> assertExactly(out, KeyValue.pair("a", "X"))).isInstanceOf(AssertionError.class);
    }

    @Test
    void valuesAreComparedInOrder() {
        in.pipeInput("a", "x", T0);
        in.pipeInput("b", "y", T0);

        assertThatThrownBy(() -> assertExactlyValues(out, "Y", "X")).isInstanceOf(AssertionError.class);
        in.pipeInput("c", "z", T0);
        assertExactlyValues(out, "Z");
    }

    @Test
    void aRecordLeftFailsTheEmptyCheck() {
        in.pipeInput("a", "x", T0);

        assertThatThrownBy(() -> assertEmpty(out)).isInstanceOf(AssertionError.class);
        assertThat(out.isEmpty()).isTrue();
    }
}
