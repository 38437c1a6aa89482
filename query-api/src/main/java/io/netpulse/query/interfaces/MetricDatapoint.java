package io.netpulse.query.interfaces;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.netpulse.query.pipeline.AsciiJson;
import io.netpulse.query.pipeline.UtcClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

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
     * most three decimals. A day of minutes is 2,880 points: each is composed here as ASCII bytes and handed to the
     * generator whole ({@link AsciiJson}), which copies them into its buffer, instead of field by field through
     * Jackson, whose copying of each char took a quarter of a day's answer. The value is the double's shortest decimal
     * (as {@link BigDecimal#valueOf(double)} reads it) rounded half-even to thousandths. Done by BigDecimal, printing
     * and parsing decimal text took a third of writing a day, so a value below {@link #WHOLE_THOUSANDTHS} whose
     * thousandths lie clearly away from a tie is rounded in double arithmetic and its digits written here; ties,
     * near-ties and larger values go through BigDecimal, and a year outside 1 to 9999 through the formatter.
     */
    static final class Writer extends StdSerializer<MetricDatapoint> {

        /** Values below this in magnitude have their thousandths in a long; larger ones are printed by BigDecimal. */
        static final double WHOLE_THOUSANDTHS = 1e15;

        private static final byte[] CLOCK = "{\"clock\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] VALUE = ",\"value\":".getBytes(StandardCharsets.US_ASCII);
        /** The longest point: a value below {@link #WHOLE_THOUSANDTHS} takes at most 20 bytes (sign, 15, point, 3). */
        private static final int LONGEST = CLOCK.length + UtcClock.QUOTED_LENGTH + VALUE.length + 20 + 1;

        Writer() {
            super(MetricDatapoint.class);
        }

        @Override
        public void serialize(MetricDatapoint point, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            double value = point.value();
            byte[] text = new byte[LONGEST];
            System.arraycopy(CLOCK, 0, text, 0, CLOCK.length);
            if (Math.abs(value) < WHOLE_THOUSANDTHS && UtcClock.quoted(point.clockMillis(), text, CLOCK.length)) {
                int at = CLOCK.length + UtcClock.QUOTED_LENGTH;
                System.arraycopy(VALUE, 0, text, at, VALUE.length);
                at = decimal(thousandths(value), text, at + VALUE.length);
                text[at++] = '}';
                generator.writeRawValue(new AsciiJson(text, at));
                return;
            }
            generator.writeStartObject();
            generator.writeStringField("clock", point.clock());
            generator.writeFieldName("value");
            if (Math.abs(value) < WHOLE_THOUSANDTHS) {
                int end = decimal(thousandths(value), text, 0);
                generator.writeNumber(new String(text, 0, end, StandardCharsets.US_ASCII));
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

        /**
         * Writes {@code thousandths / 1000} as a plain decimal without trailing zeros (1600500 is 1600.5, -500 is
         * -0.5, 12000 is 12) into {@code text} from {@code at}; returns the index after its last byte.
         */
        private static int decimal(long thousandths, byte[] text, int at) {
            long magnitude = Math.abs(thousandths);
            int fraction = (int) (magnitude % 1000);
            int places = 3;
            while (places > 0 && fraction % 10 == 0) {
                fraction /= 10;
                places--;
            }
            long whole = magnitude / 1000;
            int end = at + (thousandths < 0 ? 1 : 0) + digitsOf(whole) + (places > 0 ? places + 1 : 0);
            int next = end;
            for (int i = 0; i < places; i++) {
                text[--next] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
            if (places > 0) {
                text[--next] = '.';
            }
            while (whole >= 100) {
                next -= 2;
                AsciiJson.twoDigits(text, next, (int) (whole % 100));
                whole /= 100;
            }
            if (whole >= 10) {
                next -= 2;
                AsciiJson.twoDigits(text, next, (int) whole);
            } else {
                text[--next] = (byte) ('0' + whole);
            }
            if (thousandths < 0) {
                text[--next] = '-';
            }
            return end;
        }

        private static int digitsOf(long whole) {
            int digits = 1;
            while (whole >= 10) {
                whole /= 10;
                digits++;
            }
            return digits;
        }
    }
}
