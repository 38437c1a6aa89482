package io.netpulse.query.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The seeds' wall-clock format, {@code yyyy-MM-dd HH:mm:ss} in UTC, for every API that writes one: a day of
 * minutes is 1,440 of them per series, which {@link DateTimeFormatter} writes in about 140 µs through a zoned date
 * per point and the digits written directly in about 50. The years 1 to 9999 are written directly, any other by the
 * formatter, so both ways give the same text.
 */
public final class UtcClock {

    /** The format, for parsing and for the years the digits are not written directly. */
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private UtcClock() {
    }

    /** The instant {@code epochMilli} (its second) as {@code yyyy-MM-dd HH:mm:ss}. */
    public static String format(long epochMilli) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochMilli, MILLIS_PER_DAY));
        if (date.getYear() < 1 || date.getYear() > 9999) {
            return FORMAT.format(Instant.ofEpochMilli(epochMilli));
        }
        int secondOfDay = (int) (Math.floorMod(epochMilli, MILLIS_PER_DAY) / 1000);
        byte[] text = new byte[19];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = ' ';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
