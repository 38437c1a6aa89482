package io.netpulse.query.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON value already written as ASCII bytes that need no escaping, so a generator copies them into its buffer as
 * they are ({@link JsonGenerator#writeRawValue(SerializableString)}) instead of checking and copying char by char:
 * for writers of many small values, such as a day of points. The quoted forms (the value as a JSON string) are
 * Jackson's own quoting of its text.
 */
public final class AsciiJson implements SerializableString {

    /** "00" to "99", two ASCII digits each. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int value = 0; value < 100; value++) {
            PAIRS[2 * value] = (byte) ('0' + value / 10);
            PAIRS[2 * value + 1] = (byte) ('0' + value % 10);
        }
    }

    private final byte[] bytes;
    private final int length;

    /** The first {@code length} bytes of {@code bytes}, which the caller no longer changes. */
    public AsciiJson(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** Writes {@code value}, 0 to 99, as two digits at {@code at}: one table read each, not a division per digit. */
    public static void twoDigits(byte[] text, int at, int value) {
        text[at] = PAIRS[2 * value];
        text[at + 1] = PAIRS[2 * value + 1];
    }

    @Override
    public String getValue() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    @Override
    public int charLength() {
        return length;
    }

    @Override
    public char[] asQuotedChars() {
        return JsonStringEncoder.getInstance().quoteAsString(getValue());
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public byte[] asQuotedUTF8() {
        return JsonStringEncoder.getInstance().quoteAsUTF8(getValue());
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        byte[] quoted = asQuotedUTF8();
        return append(quoted, quoted.length, buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        char[] quoted = asQuotedChars();
        if (offset + quoted.length > buffer.length) {
            return -1;
        }
        System.arraycopy(quoted, 0, buffer, offset, quoted.length);
        return quoted.length;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        return append(bytes, length, buffer, offset);
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        if (offset + length > buffer.length) {
            return -1;
        }
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = (char) bytes[i];
        }
        return length;
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        byte[] quoted = asQuotedUTF8();
        out.write(quoted);
        return quoted.length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
        return length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        byte[] quoted = asQuotedUTF8();
        return put(quoted, quoted.length, buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        return put(bytes, length, buffer);
    }

    private static int append(byte[] from, int count, byte[] buffer, int offset) {
        if (offset + count > buffer.length) {
            return -1;
        }
        System.arraycopy(from, 0, buffer, offset, count);
        return count;
    }

    private static int put(byte[] from, int count, ByteBuffer buffer) {
        if (count > buffer.remaining()) {
            return -1;
        }
        buffer.put(from, 0, count);
        return count;
    }
}
