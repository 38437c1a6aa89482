package io.netpulse.registry.store;

import io.netpulse.registry.serde.SchemaRegistryException;
import java.util.Locale;

/**
 * A version as Confluent's paths name it: a number from 1 to 2^31-1, or {@code latest} (also {@code -1}), the
 * newest version not deleted.
 *
 * @param text   as the request wrote it, for the messages that quote it
 * @param number the version, -1 for latest
 */
public record VersionId(String text, int number) {

    /** What {@code latest} stands for. */
    public static final int LATEST = -1;

    /**
     * Reads a version of a path.
     *
     * @throws SchemaRegistryException 422 42202 for anything else
     */
    public static VersionId parse(String text) {
        if (text.trim().toLowerCase(Locale.ROOT).equals("latest")) {
            return new VersionId(text, LATEST);
        }
        int number;
        try {
            number = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw SchemaRegistryException.invalidVersion(text);
        }
        if (number <= 0 && number != LATEST) {
            throw SchemaRegistryException.invalidVersion(Integer.toString(number));
        }
        return new VersionId(text, number);
    }

    /** A version number. */
    public static VersionId of(int number) {
        return parse(Integer.toString(number));
    }

    /** True for {@code latest}. */
    public boolean latest() {
        return number == LATEST;
    }
}
