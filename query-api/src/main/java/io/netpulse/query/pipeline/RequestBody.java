package io.netpulse.query.pipeline;

import io.helidon.webserver.http.ServerRequest;
import io.netpulse.query.error.ErrorCode;
import io.netpulse.query.error.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a request body of at most a given size, the only way the APIs read one: a declared or actual size over the
 * limit is refused before (or as soon as) it is exceeded, and a body that cannot be read (a broken content
 * encoding, a connection cut mid-body) is a 400, not a fault.
 */
public final class RequestBody {

    private RequestBody() {
    }

    /**
     * The body of {@code request}, empty when it has none.
     *
     * @throws Problem.OverLimit when it is larger than {@code maxBytes}
     * @throws Problem.Invalid   when it cannot be read
     */
    public static Optional<byte[]> read(ServerRequest request, int maxBytes) {
        if (!request.content().hasEntity()) {
            return Optional.empty();
        }
        OptionalLong declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw Problem.bodyTooLarge(maxBytes);
        }
        byte[] body;
        try (InputStream in = request.content().inputStream()) {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException | RuntimeException e) {
            // the web server's own failures to read (framing, decoding) are the request's fault, not ours
            throw Problem.invalidBody(ErrorCode.BODY_INVALID, "The request body cannot be read.",
                    "could not be read");
        }
        if (body.length > maxBytes) {
            throw Problem.bodyTooLarge(maxBytes);
        }
        return Optional.of(body);
    }
}
