package io.netpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "IPv4 as is                          | 10.0.0.1                  | 10.0.0.1",
            "IPv4 extremes                       | 255.255.255.0             | 255.255.255.0",
            "IPv6 full form is compressed        | 2001:0db8:0:0:0:0:0:1     | 2001:db8::1",
            "IPv6 upper case is lowered          | 2001:DB8::1               | 2001:db8::1",
            "IPv6 in brackets                    | [2001:db8::1]             | 2001:db8::1",
            "IPv6 longest zero run compressed    | 2001:0:0:1:0:0:0:1        | 2001:0:0:1::1",
            "IPv6 first of equal runs compressed | 2001:db8:0:0:1:0:0:1      | 2001:db8::1:0:0:1",
            "IPv6 single zero group kept         | 2001:db8:0:1:1:1:1:1      | 2001:db8:0:1:1:1:1:1",
            "IPv6 loopback                       | 0:0:0:0:0:0:0:1           | ::1",
            "IPv6 unspecified                    | ::                        | ::",
            "IPv6 trailing zeros                 | 2001:db8:0:0:0:0:0:0      | 2001:db8::",
            "IPv4-mapped IPv6 is IPv4            | ::ffff:192.0.2.1          | 192.0.2.1",
            "host name refused without lookup    | localhost                 | NONE",
            "IPv4 with three parts               | 10.0.1                    | NONE",
            "IPv4 part above 255                 | 10.0.0.256                | NONE",
            "IPv4 leading zero (octal elsewhere) | 10.0.0.01                 | NONE",
            "IPv4 empty part                     | 10..0.1                   | NONE",
            "IPv4 five parts                     | 10.0.0.1.5                | NONE",
            "IPv6 zone id                        | fe80::1%eth0              | NONE",
            "IPv6 two compressions               | 2001::db8::1              | NONE",
            "IPv6 non-hex                        | 2001:db8::g               | NONE",
            "empty                               | ''                        | NONE",
    })
    void normalizes(String description, String text, String expected) {
        assertThat(IpAddresses.normalize(text)).as(description).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void readsEveryDottedTextAsGuavaDoes() {
        // Parts a dotted IPv4 text may have, valid or not, in 3 to 5 parts: the quick path for canonical IPv4 must
        // agree with Guava's parse and format on every one of them (390,625 four-part texts and more).
        List<String> parts = List.of("0", "00", "1", "01", "9", "10", "99", "100", "199", "200", "249", "250", "255",
                "256", "300", "999", "1000", "-1", "+1", "", " 1", "1 ", "a", "\u0663", "0x1");
        List<String> texts = new ArrayList<>();
        for (String a : parts) {
            for (String b : parts) {
                for (String c : parts) {
                    texts.add(a + "." + b + "." + c);
                    for (String d : parts) {
                        texts.add(a + "." + b + "." + c + "." + d);
                    }
                    texts.add(a + "." + b + "." + c + ".1.2");
                }
            }
        }
        int canonical = 0;
        for (String text : texts) {
            Optional<String> guava = InetAddresses.isInetAddress(text)
                    ? Optional.of(InetAddresses.toAddrString(InetAddresses.forString(text))) : Optional.empty();
            assertThat(IpAddresses.normalize(text)).as(text).isEqualTo(guava);
            canonical += guava.map(text::equals).orElse(false) ? 1 : 0;
        }
        // 11 of the parts are 0 to 255 without a leading zero: 11^4 canonical addresses
        assertThat(canonical).isEqualTo(11 * 11 * 11 * 11);
    }

    @Test
    void formatsRawAddressBytes() {
        assertThat(IpAddresses.format(new byte[] {(byte) 192, 0, 2, 1})).isEqualTo("192.0.2.1");
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        v6[15] = 1;
        assertThat(IpAddresses.format(v6)).isEqualTo("2001:db8::1");
    }

    @Test
    void ordersNumericallyIpv4First() {
        List<String> addresses = new ArrayList<>(List.of("2001:db8::1", "10.0.0.10", "::1", "10.0.0.9", "9.255.0.1"));
        addresses.sort(Comparator.comparing(IpAddresses::toBytes, IpAddresses.BYTES_ORDER));
        assertThat(addresses).containsExactly("9.255.0.1", "10.0.0.9", "10.0.0.10", "::1", "2001:db8::1");
    }
}
