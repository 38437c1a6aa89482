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
 * formatter, so both ways give the same text. A writer of many points takes the digits quoted, as bytes, without a
 * String.
 */
public final class UtcClock {

    /** The format, for parsing and for the years the digits are not written directly. */
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** 0001-01-01 00:00:00 and the last millisecond of 9999: the instants {@link #quoted} writes. */
    private static final long FIRST_QUOTABLE = -62_135_596_800_000L;
    private static final long LAST_QUOTABLE = 253_402_300_799_999L;

    private UtcClock() {
    }

    /** The length of a clock between double quotes, as {@link #quoted} writes it. */
    public static final int QUOTED_LENGTH = 21;

    /** The instant {@code epochMilli} (its second) as {@code yyyy-MM-dd HH:mm:ss}. */
    public static String format(long epochMilli) {
        byte[] text = new byte[QUOTED_LENGTH];
        return quoted(epochMilli, text, 0) ? new String(text, 1, QUOTED_LENGTH - 2, StandardCharsets.US_ASCII)
                : FORMAT.format(Instant.ofEpochMilli(epochMilli));
    }

    /** Whether {@link #quoted} writes {@code epochMilli}: a year of 1 to 9999. */
    public static boolean quotable(long epochMilli) {
        return epochMilli >= FIRST_QUOTABLE && epochMilli <= LAST_QUOTABLE;
    }

    /**
     * Writes {@code "yyyy-MM-dd HH:mm:ss"} of {@code epochMilli}, quotes included, as {@value #QUOTED_LENGTH} ASCII
     * bytes into {@code text} from {@code at}: a JSON string that needs no escaping, for writers that put it out as
     * it is. Returns false, writing nothing, for a year outside 1 to 9999 ({@link #format} covers those).
     */
    public static boolean quoted(long epochMilli, byte[] text, int at) {
        if (!quotable(epochMilli)) {
            return false;
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochMilli, MILLIS_PER_DAY));
        int secondOfDay = (int) (Math.floorMod(epochMilli, MILLIS_PER_DAY) / 1000);
        int year = date.getYear();
        text[at] = '"';
        AsciiJson.twoDigits(text, at + 1, year / 100);
        AsciiJson.twoDigits(text, at + 3, year % 100);
        text[at + 5] = '-';
        AsciiJson.twoDigits(text, at + 6, date.getMonthValue());
        text[at + 8] = '-';
        AsciiJson.twoDigits(text, at + 9, date.getDayOfMonth());
        text[at + 11] = ' ';
        AsciiJson.twoDigits(text, at + 12, secondOfDay / 3600);
        text[at + 14] = ':';
        AsciiJson.twoDigits(text, at + 15, secondOfDay / 60 % 60);
        text[at + 17] = ':';
        AsciiJson.twoDigits(text, at + 18, secondOfDay % 60);
        text[at + 20] = '"';
        return true;
    }
}
