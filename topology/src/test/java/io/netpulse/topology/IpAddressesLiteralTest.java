package io.netpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The literal forms goflow2, Telegraf and configuration write, through {@link IpAddresses}. */
class IpAddressesLiteralTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            IPv4 as is                              | 192.0.2.1                               | 192.0.2.1
            IPv6 full form, upper case              | 2001:0DB8:0000:0000:0000:0000:0000:0001 | 2001:db8::1
            IPv6 already compressed                 | fd01::1                                 | fd01::1
            all zeros                               | ::                                      | ::
            loopback                                | ::1                                     | ::1
            run at the end                          | 1::                                     | 1::
            a single zero group stays               | 2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1
            the longest run is compressed           | 2001:0:0:1:0:0:0:1                      | 2001:0:0:1::1
            the first of two equal runs             | 2001:db8:0:0:1:0:0:1                    | 2001:db8::1:0:0:1
            IPv4-mapped, dotted                     | ::ffff:192.0.2.1                        | 192.0.2.1
            IPv4-mapped, hex                        | ::FFFF:c000:0201                        | 192.0.2.1
            IPv4-compatible stays IPv6              | ::192.0.2.1                             | ::c000:201
            """)
    void writesTheCanonicalForm(String description, String text, String canonical) {
        assertThat(IpAddresses.normalize(text)).contains(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            4 bytes                  | c0000201                         | 192.0.2.1
            16 bytes                 | fd010000000000000000000000000001 | fd01::1
            16 bytes, IPv4-mapped    | 00000000000000000000ffffc0000201 | 192.0.2.1
            """)
    void writesBytesInTheSameForm(String description, String hex, String canonical) {
        assertThat(IpAddresses.format(HexFormat.of().parseHex(hex))).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            ''
            router1
            abc
            256.1.1.1
            01.2.3.4
            1.2.3
            fe80::1%eth0
            1:2:3:4:5:6:7:8:9
            2001:db8::g
            """)
    void rejectsWhatIsNotAnAddressLiteral(String text) {
        assertThat(IpAddresses.normalize(text)).isEmpty();
    }

    @Test
    void rejectsBytesOfAnotherLength() {
        assertThatThrownBy(() -> IpAddresses.format(new byte[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an IP address has 4 or 16 bytes, not 5");
    }
}
