package io.netpulse.query.interfaces;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.netpulse.query.pipeline.UtcClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One point of a series.
 *
 * @param clockMillis bucket start, epoch milliseconds; written as {@code clock}, {@code yyyy-MM-dd HH:mm:ss} in UTC
 * @param value       bits per second, time-weighted over the bucket; written as a plain decimal rounded to 0.001
 */
@JsonSerialize(using = MetricDatapoint.Writer.class)
public record MetricDatapoint(long clockMillis, double value) {

    /** The bucket start as the answer writes it, {@code yyyy-MM-dd HH:mm:ss} in UTC. */
    public String clock() {
        return UtcClock.format(clockMillis);
    }

    /**
     * Writes a point as {@code {"clock":…,"value":…}}, the value as 12000000 rather than Jackson's 1.2E7 and with at
     * most three decimals. A day of minutes is 2,880 points: written field by field here, not through Jackson's
     * reflective bean writer, which took as long as reading them from the store; the clock's digits go out as they
     * are written, without a String or Jackson's check of each char for escapes. The value is the double's shortest
     * decimal (as {@link BigDecimal#valueOf(double)} reads it) rounded half-even to thousandths. Done by BigDecimal,
     * printing and parsing decimal text took a third of writing a day, so a value below {@link #WHOLE_THOUSANDTHS}
     * whose thousandths lie clearly away from a tie is rounded in double arithmetic and its digits written here; ties,
     * near-ties and larger values go through BigDecimal.
     */
    static final class Writer extends StdSerializer<MetricDatapoint> {

        /** Values below this in magnitude have their thousandths in a long; larger ones are printed by BigDecimal. */
        static final double WHOLE_THOUSANDTHS = 1e15;

        Writer() {
            super(MetricDatapoint.class);
        }

        @Override
        public void serialize(MetricDatapoint point, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeStartObject();
            generator.writeFieldName("clock");
            char[] clock = new char[UtcClock.QUOTED_LENGTH];
            if (UtcClock.quoted(point.clockMillis(), clock)) {
                generator.writeRawValue(clock, 0, clock.length);
            } else {
                generator.writeString(point.clock());
            }
            generator.writeFieldName("value");
            double value = point.value();
            if (Math.abs(value) < WHOLE_THOUSANDTHS) {
                writeThousandths(generator, thousandths(value));
            } else {
                generator.writeNumber(rounded(value).stripTrailingZeros().toPlainString());
            }
            generator.writeEndObject();
        }

        /**
         * {@code value} in thousandths, rounded half-even from its shortest decimal. The shortest decimal lies
         * within half an ulp of the double, so times 1000 it moves the product by at most about one ulp of it, and the
         * product itself is off by half an ulp: a product further than four ulps from a half cannot round the other
         * way. Closer ones are rounded by BigDecimal.
         */
        static long thousandths(double value) {
            double scaled = value * 1000;
            double floor = Math.floor(scaled);
            double fraction = scaled - floor;
            if (Math.abs(fraction - 0.5) > 4 * Math.ulp(scaled)) {
                return (long) floor + (fraction > 0.5 ? 1 : 0);
            }
            return rounded(value).scaleByPowerOfTen(3).longValueExact();
        }

        /** {@code value}'s shortest decimal rounded half-even to thousandths: what the answer holds. */
        private static BigDecimal rounded(double value) {
            return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_EVEN);
        }

        /** {@code thousandths / 1000} as a plain decimal without trailing zeros: 1600500 is 1600.5, -500 is -0.5. */
        private static void writeThousandths(JsonGenerator generator, long thousandths) throws IOException {
            if (thousandths % 1000 == 0) {
                generator.writeNumber(thousandths / 1000);
                return;
            }
            long magnitude = Math.abs(thousandths);
            int fraction = (int) (magnitude % 1000);
            int places = 3;
            while (fraction % 10 == 0) {
                fraction /= 10;
                places--;
            }
            char[] text = new char[24];
            int at = text.length;
            for (int i = 0; i < places; i++) {
                text[--at] = (char) ('0' + fraction % 10);
                fraction /= 10;
            }
            text[--at] = '.';
            long whole = magnitude / 1000;
            do {
                text[--at] = (char) ('0' + whole % 10);
                whole /= 10;
            } while (whole != 0);
            if (thousandths < 0) {
                text[--at] = '-';
            }
            generator.writeNumber(text, at, text.length - at);
        }
    }
}
