package io.netpulse.app;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads memory sizes as operators write them: {@code 268435456}, {@code 256MiB}, {@code 1GiB}. Units are binary
 * (KiB = 1024 bytes); {@code KB}, {@code MB}, {@code GB} are read as the same binary units, as the JVM's
 * {@code -Xmx} does.
 */
final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?)(I?B)?", Pattern.CASE_INSENSITIVE);

    private ByteSize() {
    }

    /** The number of bytes {@code text} stands for; throws {@link IllegalArgumentException} when it is not a size. */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size (expected bytes or a number with KiB, MiB, GiB)");
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "" -> 0;
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 40;
        };
        long number = Long.parseLong(m.group(1));
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size too large");
        }
        return number << shift;
    }

    /** {@code bytes} in the largest binary unit that holds it whole, as {@link #parse} reads it: {@code 256MiB}. */
    static String format(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
