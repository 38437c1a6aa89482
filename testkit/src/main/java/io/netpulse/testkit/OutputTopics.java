package io.netpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * Exact-output assertions over a TopologyTestDriver's output topics: each reads every record the topic holds and
 * compares the whole list, in order, so a record too many fails the test as surely as a wrong value (and the
 * topic is empty afterwards, ready for the next step of the test).
 */
public final class OutputTopics {

    private OutputTopics() {
    }

    /** Asserts that {@code topic} holds exactly {@code expected} (keys and values), in that order. */
    @SafeVarargs
    public static <K, V> void assertExactly(TestOutputTopic<K, V> topic, KeyValue<K, V>... expected) {
        assertThat(topic.readKeyValuesToList()).containsExactly(expected);
    }

    /** Asserts that {@code topic} holds exactly {@code expected} (values, whatever their keys), in that order. */
    @SafeVarargs
    public static <V> void assertExactlyValues(TestOutputTopic<?, V> topic, V... expected) {
        assertThat(topic.readValuesToList()).containsExactly(expected);
    }

    /** Asserts that {@code topic} holds no record. */
    public static void assertEmpty(TestOutputTopic<?, ?> topic) {
        assertThat(topic.readRecordsToList()).isEmpty();
    }
}
