package io.netpulse.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** What every format written with {@link CompactBytes} must do with bytes that are not one of its values. */
public final class CompactFormats {

    private CompactFormats() {
    }

    /**
     * Reads {@code format} followed by {@code body}: it may read as a value or be refused with the serde's own
     * {@link SerializationException}, as every unreadable value is; any other exception fails the caller.
     */
    public static void readsOrRefuses(Deserializer<?> deserializer, byte format, byte[] body) {
        byte[] bytes = new byte[body.length + 1];
        bytes[0] = format;
        System.arraycopy(body, 0, bytes, 1, body.length);
        try {
            deserializer.deserialize("t", bytes);
        } catch (SerializationException expected) {
            // refused, as it should be
        }
    }
}
