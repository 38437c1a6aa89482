package io.netpulse.query.iq;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The secret every instance of one deployment shares: sent by {@link RemoteQueryClient} with each forwarded query
 * and required by the peer listener, so that only instances holding it reach the internal routes. Compared in
 * constant time, over digests so that not even the length leaks; never printed.
 */
public final class PeerKey {

    /** The header carrying the key. */
    public static final HeaderName HEADER = HeaderNames.create("X-Netpulse-Peer-Key");
    /** Set on the peer listener's refusal, so that the asking instance tells it from an API's own 401 or 403. */
    public static final HeaderName REFUSED = HeaderNames.create("X-Netpulse-Peer-Refused");
    /** The shortest key accepted: 16 characters (a random key is 32 bytes, base64url). */
    public static final int MIN_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;
    private final byte[] digest;

    private PeerKey(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /**
     * The key {@code value}, as configured on every instance.
     *
     * @throws IllegalArgumentException when shorter than {@value #MIN_LENGTH} characters
     */
    public static PeerKey of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a peer key has at least " + MIN_LENGTH + " characters");
        }
        return new PeerKey(value);
    }

    /** A key of 32 random bytes, for an instance that has no peers (nobody else can know it). */
    public static PeerKey random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new PeerKey(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Whether {@code presented} is this key, in time independent of where they differ. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** The value to send in {@link #HEADER}. */
    String value() {
        return value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "PeerKey[***]";
    }
}
