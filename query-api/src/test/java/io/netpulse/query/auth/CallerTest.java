package io.netpulse.query.auth;

import static io.netpulse.query.auth.TestTokens.SITE_A;
import static io.netpulse.query.auth.TestTokens.SITE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The scope questions every API asks, and the canonical forms they compare. */
class CallerTest {

    private final Caller tenantA = new Caller("tenant-a",
            Scope.of(Set.of(SITE_A)), Scope.of(Set.of("acct-7")), Scope.of(Set.of("10.0.0.1", "2001:db8::1")));

    @Test
    void sitesAreComparedIgnoringLetterCase() {
        assertThat(tenantA.maySeeSite(SITE_A)).isTrue();
        assertThat(tenantA.maySeeSite(SITE_A.toUpperCase())).isTrue();
        assertThat(tenantA.maySeeSite(SITE_B)).isFalse();
    }

    @Test
    void textThatIsNotASiteUuidIsNeverPermitted() {
        Caller all = Caller.unrestricted("ops");

        assertThat(all.maySeeSite("not-a-uuid")).isFalse();
        assertThat(all.maySeeSite("1-1-1-1-1")).isFalse();
        assertThat(all.maySeeSite("")).isFalse();
        assertThat(all.maySeeSite(null)).isFalse();
        assertThat(all.maySeeSite(SITE_B)).isTrue();
    }

    @Test
    void accountsAreComparedExactly() {
        assertThat(tenantA.maySeeAccount("acct-7")).isTrue();
        assertThat(tenantA.maySeeAccount("ACCT-7")).isFalse();
        assertThat(tenantA.maySeeAccount("")).isFalse();
        assertThat(tenantA.maySeeAccount(null)).isFalse();
    }

    @Test
    void sourcesAreComparedAsAddresses() {
        assertThat(tenantA.maySeeSource("10.0.0.1")).isTrue();
        assertThat(tenantA.maySeeSource("::ffff:10.0.0.1")).isTrue();
        assertThat(tenantA.maySeeSource("2001:DB8::1")).isTrue();
        assertThat(tenantA.maySeeSource("10.0.0.2")).isFalse();
        assertThat(tenantA.maySeeSource(null)).isFalse();
    }

    @ParameterizedTest(name = "{0}: \"{1}\" -> \"{2}\"")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "IPv4                    | 192.168.1.20                            | 192.168.1.20",
            "IPv6 compressed         | 2001:db8::1                             | 2001:db8::1",
            "IPv6 upper case         | 2001:DB8::A                             | 2001:db8::a",
            "IPv4-mapped IPv6        | ::ffff:192.168.1.20                     | 192.168.1.20",
            "loopback IPv6           | ::1                                     | ::1",
            "octet over 255          | 10.0.0.256                              | NONE",
            "leading zero (octal?)   | 010.0.0.1                               | NONE",
            "three octets            | 10.0.1                                  | NONE",
            "host name (no lookup)   | localhost                               | NONE",
            "dotted host name        | gw.example.net                          | NONE",
            "zone id                 | fe80::1%eth0                            | NONE",
            "brackets                | [2001:db8::1]                           | 2001:db8::1",
            "starts with a dot       | .:                                      | NONE",
            "bad IPv6                | 2001:db8:::1                            | NONE",
            "too long                | 2001:0db8:0000:0000:0000:0000:0000:0001:0 | NONE",
            "empty                   | ''                                      | NONE",
    })
    void canonicalSource(String description, String text, String expected) {
        assertThat(Caller.canonicalSource(text)).as(description).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void canonicalSiteIsLowerCaseUuid() {
        assertThat(Caller.canonicalSite("9F9510BD-1234-5678-A7CF-F845A39E26DB"))
                .contains("9f9510bd-1234-5678-a7cf-f845a39e26db");
        assertThat(Caller.canonicalSite("9f9510bd12345678a7cff845a39e26db")).isEmpty();
    }

    @Test
    void scopeRefusesAWildcardMemberAndMembersWithEverything() {
        assertThatThrownBy(() -> Scope.of(Set.of("*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the wildcard is not a member; use Scope.ALL");
        assertThatThrownBy(() -> new Scope(true, Set.of("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an unrestricted scope lists no members: [x]");
    }

    @Test
    void emptinessOfScopes() {
        assertThat(Scope.NONE.isEmpty()).isTrue();
        assertThat(Scope.ALL.isEmpty()).isFalse();
        assertThat(Scope.of(Set.of("a")).isEmpty()).isFalse();
    }
}
