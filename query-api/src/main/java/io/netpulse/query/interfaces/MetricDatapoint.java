package io.netpulse.query.interfaces;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.netpulse.query.pipeline.AsciiJson;
import io.netpulse.query.pipeline.OwnJson;
import io.netpulse.query.pipeline.UtcClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * One point of a series. A day of minutes is 2,880 points an answer: each writes itself as ASCII bytes into the
 * answer's one array ({@link InterfaceMetrics#json}), its clock's and value's digits two at a time from a table, the
 * value rounded in double arithmetic wherever that cannot differ from BigDecimal: through Jackson's bean writer and
 * BigDecimal, writing a day took several times as long.
 *
 * @param clockMillis bucket start, epoch milliseconds; written as {@code clock}, {@code yyyy-MM-dd HH:mm:ss} in UTC
 * @param value       bits per second, time-weighted over the bucket; written as a plain decimal rounded to 0.001
 */
@JsonSerialize(using = OwnJson.Writer.class)
public record MetricDatapoint(long clockMillis, double value) implements OwnJson {

    /** Values below this in magnitude have their thousandths in a long; larger ones are printed by BigDecimal. */
    static final double WHOLE_THOUSANDTHS = 1e15;

    private static final byte[] CLOCK = "{\"clock\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE = ",\"value\":".getBytes(StandardCharsets.US_ASCII);
    /** 10^0 to 10^18: a long's digits counted by comparison rather than division. */
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int power = 1; power < POWERS_OF_TEN.length; power++) {
            POWERS_OF_TEN[power] = POWERS_OF_TEN[power - 1] * 10;
        }
    }

    /** The bucket start as the answer writes it, {@code yyyy-MM-dd HH:mm:ss} in UTC. */
    public String clock() {
        return UtcClock.format(clockMillis);
    }

    @Override
    public byte[] json() {
        byte[] text = new byte[jsonLength()];
        writeJson(text, 0);
        return text;
    }

    /** The length in bytes of this point as JSON, {@code {"clock":…,"value":…}}: what {@link #writeJson} writes. */
    int jsonLength() {
        if (fromDigits()) {
            return CLOCK.length + UtcClock.QUOTED_LENGTH + VALUE.length + decimalLength(thousandths(value)) + 1;
        }
        return slowJson().length();
    }

    /**
     * Writes this point as JSON, {@link #jsonLength} ASCII bytes, into {@code text} from {@code at}; returns the index
     * after its last byte. The value is a plain decimal, 12000000 rather than 1.2E7, rounded half-even to thousandths
     * from the double's shortest decimal (as {@link BigDecimal#valueOf(double)} reads it), trailing zeros dropped.
     */
    int writeJson(byte[] text, int at) {
        if (!fromDigits()) {
            byte[] json = slowJson().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(json, 0, text, at, json.length);
            return at + json.length;
        }
        System.arraycopy(CLOCK, 0, text, at, CLOCK.length);
        UtcClock.quoted(clockMillis, text, at + CLOCK.length);
        int next = at + CLOCK.length + UtcClock.QUOTED_LENGTH;
        System.arraycopy(VALUE, 0, text, next, VALUE.length);
        next = decimal(thousandths(value), text, next + VALUE.length);
        text[next] = '}';
        return next + 1;
    }

    /**
     * Whether the point is written from its digits here: a value below {@link #WHOLE_THOUSANDTHS} and a year of 1 to
     * 9999, every point an answer holds in practice. Other points take the slower way of {@link #slowJson}, with the
     * same text.
     */
    private boolean fromDigits() {
        return Math.abs(value) < WHOLE_THOUSANDTHS && UtcClock.quotable(clockMillis);
    }

    /** The point through Strings: the clock by {@link UtcClock#format}, a value of 10^15 or more by BigDecimal. */
    private String slowJson() {
        String digits = Math.abs(value) < WHOLE_THOUSANDTHS ? decimal(thousandths(value))
                : rounded(value).stripTrailingZeros().toPlainString();
        return "{\"clock\":\"" + clock() + "\",\"value\":" + digits + "}";
    }

    /**
     * {@code value} in thousandths, rounded half-even from its shortest decimal. The shortest decimal lies within half
     * an ulp of the double, so times 1000 it moves the product by at most about one ulp of it, and the product itself
     * is off by half an ulp: a product further than four ulps from a half cannot round the other way. Closer ones are
     * rounded by BigDecimal: ties, near-ties and every value from about 5.6·10^11, where four ulps reach a half.
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

    private static String decimal(long thousandths) {
        byte[] text = new byte[decimalLength(thousandths)];
        decimal(thousandths, text, 0);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** The length of {@code thousandths / 1000} as {@link #decimal(long, byte[], int)} writes it. */
    private static int decimalLength(long thousandths) {
        long magnitude = Math.abs(thousandths);
        int fraction = (int) (magnitude % 1000);
        int places = fraction == 0 ? 0 : fraction % 100 == 0 ? 1 : fraction % 10 == 0 ? 2 : 3;
        return (thousandths < 0 ? 1 : 0) + digitsOf(magnitude / 1000) + (places > 0 ? places + 1 : 0);
    }

    /**
     * Writes {@code thousandths / 1000} as a plain decimal without trailing zeros (1600500 is 1600.5, -500 is -0.5,
     * 12000 is 12) into {@code text} from {@code at}; returns the index after its last byte.
     */
    private static int decimal(long thousandths, byte[] text, int at) {
        int end = at + decimalLength(thousandths);
        long magnitude = Math.abs(thousandths);
        int fraction = (int) (magnitude % 1000);
        int next = end;
        if (fraction != 0) {
            int places = 3;
            while (fraction % 10 == 0) {
                fraction /= 10;
                places--;
            }
            for (int i = 0; i < places; i++) {
                text[--next] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
            text[--next] = '.';
        }
        long whole = magnitude / 1000;
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
        while (digits < POWERS_OF_TEN.length && whole >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        return digits;
    }
}
