package io.netpulse.app.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netpulse.query.auth.AuthSettings;
import io.netpulse.query.auth.Caller;
import io.netpulse.query.auth.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token issuer of the embedded default, so netpulse is secure out of the box without an identity provider.
 * At first start it generates an EC P-256 key (ES256) and keeps it in {@code <state-dir>/auth/signing-key.jwk.json}
 * (owner-only); later starts reload it, so tokens survive restarts. The public half goes to
 * {@code <state-dir>/auth/jwks.json}, which this instance's {@link io.netpulse.query.auth.TokenVerifier} trusts
 * ({@link #verifierSettings(Duration)}), and is served at {@value JwksService#PATH}. Several instances share one key
 * through {@code auth.signing-key}: a file they all name, created atomically by whichever starts first
 * ({@link #openOrCreate(Path, Path, String, String, Clock)}), so each trusts the tokens of the others and a forwarded
 * query's token verifies on every instance.
 *
 * <p>Tokens carry {@code iss}, {@code aud}, {@code sub}, {@code iat}, {@code nbf}, {@code exp}, {@code jti} and the
 * scope claims {@code sites}, {@code accounts}, {@code sources} and {@code registry}, and live at most
 * {@link #MAX_TTL}. There is no revocation list: deleting the key file and restarting invalidates every token
 * this issuer minted.
 */
public final class LocalIssuer {

    /** {@code iss} of the embedded issuer's tokens. */
    public static final String DEFAULT_ISSUER = "netpulse-embedded";
    /** The private key, relative to the state directory. */
    public static final Path KEY_FILE = Path.of("auth", "signing-key.jwk.json");
    /** The public JWK set, relative to the state directory. */
    public static final Path JWKS_FILE = Path.of("auth", "jwks.json");
    /** The demo token (all scopes), relative to the state directory. */
    public static final Path DEMO_TOKEN_FILE = Path.of("demo-token.jwt");
    /** Lifetime of the demo token written at each start. */
    public static final Duration DEMO_TOKEN_TTL = Duration.ofHours(24);
    /** Longest lifetime of a minted token: without revocation, a leaked token must expire on its own. */
    public static final Duration MAX_TTL = Duration.ofDays(30);
    /** {@code sub} of tokens minted by {@code ./netpulse token}. */
    public static final String TOKEN_SUBJECT = "netpulse-token";
    /** {@code sub} of the demo token. */
    public static final String DEMO_SUBJECT = "demo";

    private static final Logger LOG = LoggerFactory.getLogger(LocalIssuer.class);

    private final Path stateDir;
    private final ECKey key;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    private LocalIssuer(Path stateDir, ECKey key, String issuer, String audience, Clock clock) {
        this.stateDir = stateDir;
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /**
     * Loads the signing key from the state directory, generating it at first start, and (re)writes the public
     * JWK set file.
     *
     * @throws IllegalStateException when a key file exists but cannot be used; it is left untouched
     */
    public static LocalIssuer openOrCreate(Path stateDir, String issuer, String audience, Clock clock) {
        return openOrCreate(stateDir, stateDir.resolve(KEY_FILE), issuer, audience, clock);
    }

    /**
     * Loads the signing key from {@code keyFile}, generating it when the file does not exist, and (re)writes the
     * public JWK set file in the state directory. Several instances may name the same {@code keyFile} (a shared
     * volume, {@code auth.signing-key}) and start at once: the file is created atomically, so exactly one key
     * wins and every instance signs and verifies with it.
     *
     * @throws IllegalStateException when the key file exists but cannot be used; it is left untouched
     */
    public static LocalIssuer openOrCreate(Path stateDir, Path keyFile, String issuer, String audience,
                                           Clock clock) {
        try {
            if (!Files.exists(keyFile)) {
                ECKey generated = generate();
                if (KeyFiles.createSecret(keyFile, generated.toJSONString())) {
                    LOG.info("generated signing key {} in {}", generated.getKeyID(), keyFile);
                }
            }
            LocalIssuer local = new LocalIssuer(stateDir, load(keyFile), issuer, audience, clock);
            KeyFiles.writePublic(local.jwksFile(), local.jwks());
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the signing key in " + keyFile, e);
        }
    }

    /** {@link #openOrCreate(Path, String, String, Clock)} with the default issuer and audience. */
    public static LocalIssuer openOrCreate(Path stateDir, Clock clock) {
        return openOrCreate(stateDir, DEFAULT_ISSUER, AuthSettings.DEFAULT_AUDIENCE, clock);
    }

    /**
     * Loads the signing key a running (or earlier) netpulse created; never creates one, so a wrong state
     * directory is an error rather than a key nobody trusts.
     *
     * @throws IllegalStateException when there is no usable key file
     */
    public static LocalIssuer openExisting(Path stateDir, String issuer, String audience, Clock clock) {
        return openExisting(stateDir, stateDir.resolve(KEY_FILE), issuer, audience, clock);
    }

    /**
     * As {@link #openExisting(Path, String, String, Clock)} with the key in {@code keyFile} (a shared
     * {@code auth.signing-key}).
     *
     * @throws IllegalStateException when there is no usable key file
     */
    public static LocalIssuer openExisting(Path stateDir, Path keyFile, String issuer, String audience,
                                           Clock clock) {
        if (!Files.exists(keyFile)) {
            throw new IllegalStateException("no signing key at " + keyFile
                    + ": start netpulse once with this state directory, or pass the right one");
        }
        try {
            return new LocalIssuer(stateDir, load(keyFile), issuer, audience, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key " + keyFile, e);
        }
    }

    /** The key id ({@code kid}): the key's RFC 7638 thumbprint, stable across restarts. */
    public String keyId() {
        return key.getKeyID();
    }

    /** The public JWK set as JSON, for {@value JwksService#PATH} and the verifier's file. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** Where the public JWK set file is. */
    public Path jwksFile() {
        return stateDir.resolve(JWKS_FILE);
    }

    /** Where {@link #writeDemoToken()} writes. */
    public Path demoTokenFile() {
        return stateDir.resolve(DEMO_TOKEN_FILE);
    }

    /** What this instance's verifier needs to trust this issuer's tokens. */
    public AuthSettings verifierSettings(Duration clockSkew) {
        return AuthSettings.of(jwksFile().toUri(), issuer, audience).withClockSkew(clockSkew);
    }

    /**
     * Signs a token for {@code ./netpulse token}.
     *
     * @param sites    site UUIDs, or {@value Scope#WILDCARD}; empty grants none
     * @param accounts account ids, or {@value Scope#WILDCARD}
     * @param sources  source device IPs, or {@value Scope#WILDCARD}
     * @param ttl      lifetime, more than zero and at most {@link #MAX_TTL}
     * @return the compact JWT
     * @throws IllegalArgumentException for an invalid id or lifetime
     */
    public String mint(Collection<String> sites, Collection<String> accounts, Collection<String> sources,
                       Duration ttl) {
        return mint(sites, accounts, sources, List.of(), ttl);
    }

    /**
     * A token as {@link #mint(Collection, Collection, Collection, Duration)} makes, with a registry scope too.
     *
     * @param registry {@value Caller#REGISTRY_WRITE} (or {@value Scope#WILDCARD}) to let it write to the embedded
     *                 schema registry; empty grants none
     */
    public String mint(Collection<String> sites, Collection<String> accounts, Collection<String> sources,
                       Collection<String> registry, Duration ttl) {
        return mint(TOKEN_SUBJECT, sites, accounts, sources, registry, ttl);
    }

    /**
     * Writes a token with every scope, valid {@link #DEMO_TOKEN_TTL} from now, to {@link #demoTokenFile()}
     * (owner-only), replacing the previous one.
     *
     * @return the file written
     */
    public Path writeDemoToken() {
        List<String> all = List.of(Scope.WILDCARD);
        String token = mint(DEMO_SUBJECT, all, all, all, all, DEMO_TOKEN_TTL);
        Path file = demoTokenFile();
        try {
            KeyFiles.writeSecret(file, token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo token to " + file, e);
        }
        return file;
    }

    private String mint(String subject, Collection<String> sites, Collection<String> accounts,
                        Collection<String> sources, Collection<String> registry, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("token lifetime must be more than zero and at most " + MAX_TTL
                    + ", was " + ttl);
        }
        // JWT times are whole seconds: truncating keeps exp - iat exactly the requested lifetime.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("sites", claimValue("sites", sites, Caller::canonicalSite))
                .claim("accounts", claimValue("accounts", accounts,
                        text -> text.isBlank() ? Optional.empty() : Optional.of(text)))
                .claim("sources", claimValue("sources", sources, Caller::canonicalSource))
                .claim("registry", claimValue("registry", registry, Caller::canonicalRegistry))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
        }
        return jwt.serialize();
    }

    /** The claim's JSON array: canonical ids, or just the wildcard when it is among them. */
    private static List<String> claimValue(String claim, Collection<String> values,
                                           Function<String, Optional<String>> canonical) {
        if (values.contains(Scope.WILDCARD)) {
            return List.of(Scope.WILDCARD);
        }
        List<String> ids = new ArrayList<>(values.size());
        for (String value : values) {
            ids.add(canonical.apply(value).orElseThrow(
                    () -> new IllegalArgumentException("not a valid id for " + claim + ": \"" + value + "\"")));
        }
        return ids.stream().distinct().toList();
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("this JVM cannot generate an EC P-256 key", e);
        }
    }

    private static ECKey load(Path keyFile) throws IOException {
        KeyFiles.warnIfShared(keyFile);
        String text = Files.readString(keyFile, StandardCharsets.UTF_8);
        JWK parsed;
        try {
            parsed = JWK.parse(text);
        } catch (ParseException e) {
            throw unusable(keyFile, "not a JWK (" + e.getMessage() + ")");
        }
        if (!(parsed instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
            throw unusable(keyFile, "not an EC P-256 private key");
        }
        if (ec.getKeyID() == null) {
            try {
                return new ECKey.Builder(ec).keyIDFromThumbprint().build();
            } catch (JOSEException e) {
                throw unusable(keyFile, "no key id and no thumbprint (" + e.getMessage() + ")");
            }
        }
        return ec;
    }

    private static IllegalStateException unusable(Path keyFile, String why) {
        return new IllegalStateException("signing key " + keyFile + " is unusable: " + why
                + "; move it away to generate a new key (tokens signed with it will stop working)");
    }
}
