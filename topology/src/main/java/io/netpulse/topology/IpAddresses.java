package io.netpulse.topology;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The one text form of an IP address, so that every store key, topic key, token scope and API comparison agrees
 * on it: {@code 2001:db8::1}, {@code 2001:0DB8:0:0:0:0:0:1} and {@code [2001:db8::1]} are one device.
 *
 * <p>IPv4 is a dotted quad; parts with leading zeros are refused, since some parsers read them as octal. IPv6 is
 * written as RFC 5952 recommends (lower case, leading zeros dropped, the longest run of zero groups as
 * {@code ::}); an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is the IPv4 address. Zone ids and host
 * names are refused: parsing never touches DNS. Guava's {@link InetAddresses} does the parsing and formatting.
 */
public final class IpAddresses {

    /**
     * Orders addresses by their bytes ({@link #toBytes}) numerically: every IPv4 address before every IPv6 address.
     * To sort many, parse each once and compare the bytes.
     */
    public static final Comparator<byte[]> BYTES_ORDER = Comparator.<byte[]>comparingInt(bytes -> bytes.length)
            .thenComparing(Arrays::compareUnsigned);

    /** Longest text that can be an address literal (IPv6 with an embedded IPv4 part, in brackets). */
    private static final int MAX_LITERAL = 47;

    private IpAddresses() {
    }

    /** The normalized form of {@code text}, or empty when it is not an IPv4 or IPv6 address literal. */
    public static Optional<String> normalize(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LITERAL) {
            return Optional.empty();
        }
        if (isCanonicalIpv4(text)) {
            return Optional.of(text);
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (literal.indexOf('%') >= 0 || !InetAddresses.isInetAddress(literal)) {
            return Optional.empty();
        }
        return Optional.of(InetAddresses.toAddrString(InetAddresses.forString(literal)));
    }

    /**
     * Whether {@code text} is already a normalized IPv4 address: four decimal parts of 0 to 255 without leading
     * zeros. Nearly every address an exporter writes is, and it is its own normalized form without a parse.
     */
    private static boolean isCanonicalIpv4(String text) {
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return false;
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && parts < 3) {
                parts++;
                value = 0;
                digits = 0;
            } else {
                return false;
            }
        }
        return parts == 3 && digits > 0;
    }

    /** The normalized text of a 4- or 16-byte address (as NetFlow, IPFIX and goflow2's protobuf carry it). */
    public static String format(byte[] address) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        try {
            // getByAddress never looks anything up; it turns an IPv4-mapped IPv6 address into IPv4.
            return InetAddresses.toAddrString(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length, e);
        }
    }

    /** The bytes of a normalized address: 4 for IPv4, 16 for IPv6. */
    public static byte[] toBytes(String normalized) {
        return InetAddresses.forString(normalized).getAddress();
    }
}
