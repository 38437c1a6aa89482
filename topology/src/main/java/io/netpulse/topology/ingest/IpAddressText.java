package io.netpulse.topology.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The one text form of an IP address in netpulse records, so that an exporter compares equal whichever way it was
 * spelled or encoded (goflow2 JSON strings, goflow2 protobuf bytes, configuration): IPv4 as a dotted quad, IPv6 as
 * RFC 5952 recommends (lower case, no leading zeros, the first longest run of two or more zero groups as
 * {@code ::}), and an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) as the IPv4 address it carries.
 *
 * <p>Parsing never touches DNS: only address literals are accepted (no host names, no zone ids, no brackets).
 */
public final class IpAddressText {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Characters of an IPv6 literal, embedded IPv4 included; with a ':' the JDK parses it without DNS. */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;

    private IpAddressText() {
    }

    /** The canonical form of an address literal; throws {@link IllegalArgumentException} if it is not one. */
    public static String canonical(String text) {
        return of(parse(text));
    }

    /** The canonical form of 4 (IPv4) or 16 (IPv6) network-order bytes. */
    public static String of(byte[] address) {
        if (address.length == IPV4_BYTES) {
            return dottedQuad(address, 0);
        }
        if (address.length != IPV6_BYTES) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        if (isIpv4Mapped(address)) {
            return dottedQuad(address, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int length = 0;
            while (i + length < groups.length && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += Math.max(length, 1);
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** The network-order bytes of an address literal: 4 for IPv4 and IPv4-mapped IPv6, 16 for other IPv6. */
    public static byte[] parse(String text) {
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] address = new byte[IPV4_BYTES];
            for (int i = 0; i < IPV4_BYTES; i++) {
                address[i] = (byte) Integer.parseInt(parts[i]);
            }
            return address;
        }
        if (text.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(text).matches()) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: '" + text + "'");
        }
        try {
            byte[] address = InetAddress.getByName(text).getAddress();
            return address.length == IPV6_BYTES && isIpv4Mapped(address)
                    ? Arrays.copyOfRange(address, 12, 16) : address;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: '" + text + "'", e);
        }
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static String dottedQuad(byte[] address, int from) {
        return (address[from] & 0xff) + "." + (address[from + 1] & 0xff) + "."
                + (address[from + 2] & 0xff) + "." + (address[from + 3] & 0xff);
    }
}
