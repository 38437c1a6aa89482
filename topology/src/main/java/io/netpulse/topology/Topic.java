package io.netpulse.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A topic with the serdes of its key and value, so no boundary relies on a default serde.
 *
 * @param name       the topic name, from configuration
 * @param keySerde   serde of the record key
 * @param valueSerde serde of the record value
 * @param <K>        key type
 * @param <V>        value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    /** How a source node reads this topic. */
    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde);
    }

    /** How a sink node writes this topic. */
    public Produced<K, V> produced() {
        return Produced.with(keySerde, valueSerde);
    }
}
