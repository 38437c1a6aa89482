package io.netpulse.query.interfaces;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One point of a series.
 *
 * @param clock bucket start, {@code yyyy-MM-dd HH:mm:ss} in UTC
 * @param value bits per second, time-weighted over the bucket; written as a plain decimal rounded to 0.001
 */
@JsonSerialize(using = MetricDatapoint.Writer.class)
public record MetricDatapoint(String clock, double value) {

    /**
     * Writes a point as {@code {"clock":…,"value":…}}, the value as 12000000 rather than Jackson's 1.2E7 and with at
     * most three decimals. A day of minutes is 2,880 points: written field by field here, not through Jackson's
     * reflective bean writer, which took as long as reading them from the store.
     */
    static final class Writer extends StdSerializer<MetricDatapoint> {
        Writer() {
            super(MetricDatapoint.class);
        }

        @Override
        public void serialize(MetricDatapoint point, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeStartObject();
            generator.writeStringField("clock", point.clock());
            generator.writeFieldName("value");
            generator.writeNumber(BigDecimal.valueOf(point.value()).setScale(3, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().toPlainString());
            generator.writeEndObject();
        }
    }
}
