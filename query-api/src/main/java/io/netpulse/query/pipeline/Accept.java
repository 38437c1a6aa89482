package io.netpulse.query.pipeline;

import io.helidon.common.media.type.MediaType;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import io.netpulse.query.error.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The request's Accept header: read once by the {@link ApiFilter} (a malformed one is a 400), and matched against
 * the types an API serves as RFC 9110 section 12.5.1 says: each type takes the quality of the most specific range
 * that matches it, the higher quality wins, the API's preferred type on a tie, and none when every quality is 0.
 */
public final class Accept {

    private Accept() {
    }

    /**
     * The media ranges of the request's Accept headers, empty without one.
     *
     * @throws Problem.Invalid when a value is not a list of media ranges with valid parameters
     */
    static List<HttpMediaType> parse(ServerRequest request) {
        if (request.headers().all(HeaderNames.ACCEPT, List::of).stream().allMatch(String::isBlank)) {
            // absent, or empty: RFC 9110 allows an empty list, which like no header accepts anything
            return List.of();
        }
        List<HttpMediaType> accepted;
        try {
            accepted = request.headers().acceptedTypes();
            for (HttpMediaType range : accepted) {
                if (range.type().isEmpty() || range.subtype().isEmpty() || !(range.qualityFactor() >= 0
                        && range.qualityFactor() <= 1)) {
                    throw new IllegalArgumentException("bad media range " + range.text());
                }
            }
        } catch (RuntimeException e) {
            throw Problem.invalidHeader("Accept", "is not a list of media ranges (type/subtype, optionally"
                    + " ;q= a number from 0 to 1)");
        }
        return accepted;
    }

    /** The type of {@code served} to answer with, empty when {@code accepted} allows none. */
    public static Optional<MediaType> best(List<HttpMediaType> accepted, List<MediaType> served) {
        if (accepted.isEmpty()) {
            return Optional.of(served.getFirst());
        }
        MediaType best = null;
        double bestQuality = 0;
        for (MediaType type : served) {
            double quality = quality(accepted, type);
            if (quality > bestQuality) {
                best = type;
                bestQuality = quality;
            }
        }
        return Optional.ofNullable(best);
    }

    private static double quality(List<HttpMediaType> accepted, MediaType type) {
        int bestSpecificity = -1;
        double quality = 0;
        for (HttpMediaType range : accepted) {
            int specificity = specificity(range, type);
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = range.qualityFactor();
            }
        }
        return quality;
    }

    /** 2 for this very type, 1 for its {@code type/*}, 0 for {@code *}{@code /*}, -1 when the range misses it. */
    private static int specificity(HttpMediaType range, MediaType type) {
        String rangeType = range.type().toLowerCase(Locale.ROOT);
        String rangeSubtype = range.subtype().toLowerCase(Locale.ROOT);
        if (rangeType.equals("*")) {
            return rangeSubtype.equals("*") ? 0 : -1;
        }
        if (!rangeType.equals(type.type())) {
            return -1;
        }
        if (rangeSubtype.equals("*")) {
            return 1;
        }
        return rangeSubtype.equals(type.subtype()) ? 2 : -1;
    }
}
