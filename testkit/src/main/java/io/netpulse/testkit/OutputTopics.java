package io.netpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import org.assertj.core.groups.Tuple;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Exact-output assertions over a TopologyTestDriver's output topics: the whole output, in order, and then nothing
 * more, so a record too many fails the test as surely as a wrong value.
 */
public final class OutputTopics {

    private OutputTopics() {
    }

    /** Asserts that {@code topic} holds exactly {@code expected}, in that order, and nothing after them. */
    @SafeVarargs
    public static <K, V> void assertExactly(TestOutputTopic<K, V> topic, KeyValue<K, V>... expected) {
        assertThat(topic.readKeyValuesToList()).containsExactly(expected);
        assertThat(topic.isEmpty()).as("no record after the expected ones").isTrue();
    }

    /**
     * Asserts that {@code topic} holds exactly {@code expected} (key, value and record time), in that order, and
     * nothing after them.
     */
    @SafeVarargs
    public static <K, V> void assertExactlyRecords(TestOutputTopic<K, V> topic, TestRecord<K, V>... expected) {
        assertThat(topic.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(Arrays.stream(expected)
                        .map(record -> tuple(record.key(), record.value(), record.getRecordTime()))
                        .toArray(Tuple[]::new));
        assertThat(topic.isEmpty()).as("no record after the expected ones").isTrue();
    }

    /** Asserts that {@code topic} has no record left to read. */
    public static void assertEmpty(TestOutputTopic<?, ?> topic) {
        assertThat(topic.readRecordsToList()).isEmpty();
    }
}
