package io.netpulse.query.pipeline;

import io.helidon.common.media.type.MediaType;
import io.netpulse.query.error.ProblemShape;
import io.netpulse.query.iq.RemoteQueryClient;
import java.util.List;
import java.util.Objects;

/**
 * One of the seed APIs as the request pipeline sees it: the paths it owns, the shape of its errors and the media
 * types it answers with. Every request to a path of the API, answered or not, goes through its {@link ApiFilter}
 * and has its errors rendered in its shape; a path under {@code prefixes} that no route answers is a 404 in that
 * shape.
 *
 * @param name     for logs
 * @param prefixes the path prefixes the API owns ({@code /accounts} owns {@code /accounts} and everything below)
 * @param shape    how the API words its errors
 * @param served   the media types of its answers, the preferred first
 */
public record Api(String name, List<String> prefixes, ProblemShape shape, List<MediaType> served) {

    public Api {
        Objects.requireNonNull(name, "name");
        prefixes = List.copyOf(prefixes);
        Objects.requireNonNull(shape, "shape");
        served = List.copyOf(served);
        if (served.isEmpty()) {
            throw new IllegalArgumentException("an API serves at least one media type");
        }
    }

    /** Whether {@code path} (public, or under the internal prefix) belongs to this API. */
    public boolean owns(String path) {
        String publicPath = path.startsWith(RemoteQueryClient.INTERNAL_PREFIX + "/")
                ? path.substring(RemoteQueryClient.INTERNAL_PREFIX.length()) : path;
        return prefixes.stream().anyMatch(prefix -> publicPath.equals(prefix) || publicPath.startsWith(prefix + "/"));
    }

    /** The served media types as text, for error messages. */
    public List<String> servedText() {
        return served.stream().map(MediaType::text).toList();
    }
}
