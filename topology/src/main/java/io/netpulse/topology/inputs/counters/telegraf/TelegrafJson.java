package io.netpulse.topology.inputs.counters.telegraf;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The JSON that earlier versions wrote for the Telegraf path's records on its repartition topic and in its stores,
 * which {@link TelegrafSerdes} still reads (changelogs and the repartition topic of a running installation hold
 * it); tolerant of unknown properties. New values are written in {@link TelegrafSerdes}' binary form.
 */
final class TelegrafJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private TelegrafJson() {
    }

    static <T> Serde<T> serde(Class<T> type) {
        return Serdes.serdeFrom(
                (topic, value) -> {
                    if (value == null) {
                        return null;
                    }
                    try {
                        return MAPPER.writeValueAsBytes(value);
                    } catch (IOException e) {
                        throw new SerializationException("cannot write " + type.getSimpleName() + ": "
                                + e.getMessage(), e);
                    }
                },
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    try {
                        return MAPPER.readValue(bytes, type);
                    } catch (IOException e) {
                        throw new SerializationException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
                    }
                });
    }
}
