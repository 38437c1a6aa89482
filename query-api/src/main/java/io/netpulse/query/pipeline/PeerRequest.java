package io.netpulse.query.pipeline;

import io.helidon.http.Method;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one instance asks another: the public path and parameters of a query (sent to its internal mirror), with a
 * JSON body or none. The headers are {@link Placement#ask}'s to add, the same for every API.
 *
 * @param method the method
 * @param path   the public path, without the internal prefix
 * @param query  query parameters, repeated values allowed
 * @param body   a JSON body, or null for none
 */
public record PeerRequest(Method method, String path, Map<String, List<String>> query, byte[] body) {

    public PeerRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
    }
}
