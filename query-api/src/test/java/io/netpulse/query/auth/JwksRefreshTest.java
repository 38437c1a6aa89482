package io.netpulse.query.auth;

import static io.netpulse.query.auth.TestTokens.AUDIENCE;
import static io.netpulse.query.auth.TestTokens.CLOCK_AT_T0;
import static io.netpulse.query.auth.TestTokens.ISSUER;
import static io.netpulse.query.auth.TestTokens.claims;
import static io.netpulse.query.auth.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.webserver.WebServer;
import io.netpulse.query.auth.AuthenticationException.Reason;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JWK set served over HTTP by a tiny server on loopback, rotated during the test: an unknown key id makes the
 * verifier fetch the set again, at most twice per refresh window (set to an hour here, so no timing matters).
 */
class JwksRefreshTest {

    private static final ECKey OLD_KEY = TestTokens.ecKey("2025-key");
    private static final ECKey NEW_KEY = TestTokens.ecKey("2026-key");

    private final AtomicReference<String> served = new AtomicReference<>(TestTokens.publicJwks(OLD_KEY));
    private final AtomicInteger fetches = new AtomicInteger();
    private WebServer issuer;
    private TokenVerifier verifier;

    @BeforeEach
    void startIssuer() {
        issuer = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.get("/jwks.json", (req, res) -> {
                    fetches.incrementAndGet();
                    res.headers().contentType(MediaTypes.APPLICATION_JSON);
                    res.send(served.get());
                }))
                .build()
                .start();
        URI jwks = URI.create("http://127.0.0.1:" + issuer.port() + "/jwks.json");
        verifier = new TokenVerifier(AuthSettings.of(jwks, ISSUER, AUDIENCE)
                .withJwksRefresh(Duration.ofHours(2), Duration.ofHours(1)), CLOCK_AT_T0);
    }

    @AfterEach
    void stopIssuer() {
        verifier.close();
        issuer.stop();
    }

    @Test
    void setIsFetchedOnceThenCached() throws Exception {
        assertThat(fetches.get()).isZero();

        verifier.verify(sign(OLD_KEY, claims().build()));
        verifier.verify(sign(OLD_KEY, claims().subject("bob").build()));

        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void unknownKeyIdTriggersARefreshThatFindsTheRotatedKey() throws Exception {
        assertThat(verifier.verify(sign(OLD_KEY, claims().build())).subject()).isEqualTo("alice");
        served.set(TestTokens.publicJwks(NEW_KEY));

        Caller caller = verifier.verify(sign(NEW_KEY, claims().subject("bob").build()));

        assertThat(caller.subject()).isEqualTo("bob");
        assertThat(fetches.get()).isEqualTo(2);
    }

    @Test
    void refreshesAreRateLimited() throws Exception {
        verifier.verify(sign(OLD_KEY, claims().build()));
        assertThatThrownBy(() -> verifier.verify(sign(TestTokens.ecKey("forged-1"), claims().build())))
                .isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
        assertThat(fetches.get()).isEqualTo(2);

        // A third unknown key id within the window is refused without asking the issuer again.
        assertThatThrownBy(() -> verifier.verify(sign(TestTokens.ecKey("forged-2"), claims().build())))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID);
                    assertThat(e.detail()).isEqualTo(
                            "no key matches and the JWK set was refreshed too recently to fetch it again");
                });
        assertThat(fetches.get()).isEqualTo(2);
        // Known keys keep working from the cache.
        assertThat(verifier.verify(sign(OLD_KEY, claims().build())).subject()).isEqualTo("alice");
    }

    @Test
    void unreachableJwkSetRefusesTokens() {
        issuer.stop();

        assertThatThrownBy(() -> verifier.verify(sign(OLD_KEY, claims().build())))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID);
                    assertThat(e.detail()).startsWith("JWK set unavailable: ");
                });
    }
}
