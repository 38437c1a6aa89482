package io.netpulse.topology;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The one text form of an IP address, so that every store key, topic key and API comparison agrees on it:
 * {@code 2001:db8::1}, {@code 2001:0DB8:0:0:0:0:0:1} and {@code [2001:db8::1]} are one device.
 *
 * <p>IPv4 is strict dotted-quad (four decimal parts 0..255, no leading zeros, which some parsers read as
 * octal). IPv6 is written as RFC 5952 recommends: lower case, leading zeros dropped, the longest run of two or
 * more zero groups compressed to {@code ::}. An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is the IPv4
 * address. Zone ids ({@code fe80::1%eth0}) and host names are refused: parsing never touches DNS.
 */
public final class IpAddresses {

    /** Orders normalized addresses numerically: every IPv4 address before every IPv6 address. */
    public static final Comparator<String> NUMERIC_ORDER = Comparator
            .comparing((String text) -> toBytes(text).length)
            .thenComparing(IpAddresses::toBytes, Arrays::compareUnsigned);

    private IpAddresses() {
    }

    /** The normalized form of {@code text}, or empty when it is not an IPv4 or IPv6 address literal. */
    public static Optional<String> normalize(String text) {
        if (text == null || text.isEmpty() || text.length() > 47) {
            return Optional.empty();
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (literal.indexOf(':') < 0) {
            byte[] v4 = parseIpv4(literal);
            return v4 == null ? Optional.empty() : Optional.of(format(v4));
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            // Only hex digits, colons and the dots of an embedded IPv4 part: anything else (a zone id, a name)
            // would send InetAddress to a lookup.
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(format(InetAddress.getByName(literal).getAddress()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The normalized text of a 4- or 16-byte address (as NetFlow, IPFIX and goflow2's protobuf carry it). */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        if (isIpv4Mapped(address)) {
            return format(Arrays.copyOfRange(address, 12, 16));
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** The bytes of a normalized address. */
    public static byte[] toBytes(String normalized) {
        if (normalized.indexOf(':') < 0) {
            byte[] v4 = parseIpv4(normalized);
            if (v4 == null) {
                throw new IllegalArgumentException("not an IPv4 address: " + normalized);
            }
            return v4;
        }
        try {
            if (normalize(normalized).isPresent()) {
                return InetAddress.getByName(normalized).getAddress();
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + normalized, e);
        }
        throw new IllegalArgumentException("not an IP address: " + normalized);
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static byte[] parseIpv4(String text) {
        byte[] address = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '.') {
                char c = text.charAt(i);
                if (c < '0' || c > '9' || i - start >= 3) {
                    return null;
                }
                continue;
            }
            if (part == 4 || i == start || (i - start > 1 && text.charAt(start) == '0')) {
                return null;
            }
            int value = Integer.parseInt(text, start, i, 10);
            if (value > 255) {
                return null;
            }
            address[part++] = (byte) value;
            start = i + 1;
        }
        return part == 4 ? address : null;
    }
}
