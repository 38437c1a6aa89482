package io.netpulse.query.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.netpulse.query.iq.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes every JSON body of the four APIs, answers and errors alike, with one mapper. Written here rather than
 * through Helidon's media support because that support refuses to write JSON when the request's Accept header does
 * not allow it, and then answers 415 in plain text: an error body must come out in its API's shape whatever the
 * client accepts, and an answer only after the API has checked Accept itself.
 */
public final class Json {

    /** The Content-Type of every JSON body. */
    public static final String CONTENT_TYPE = "application/json";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Json() {
    }

    /** {@code value} (a record, list or map) as JSON bytes; an {@link OwnJson} value's own, without a generator. */
    public static byte[] bytes(Object value) {
        if (value instanceof OwnJson own) {
            return own.json();
        }
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Sends {@code value} as a 200 answer, written to the connection as it is serialized rather than held whole:
     * for answers that can be large (import_stats up to its row limit, every interface of the directory). The
     * bytes are those of {@link #bytes}. A request with {@code Connection: close} (every HTTP/1.0 request, see
     * {@link Http10Connections}) gets them with a Content-Length instead, since HTTP/1.0 has no chunked encoding.
     */
    public static void send(ServerRequest request, ServerResponse response, Object value) {
        response.status(Status.OK_200).header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        if (request.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
            response.send(bytes(value));
            return;
        }
        try (OutputStream out = response.outputStream()) {
            MAPPER.writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException("the answer could not be written: " + e.getMessage(), e);
        }
    }

    /** A 200 answer holding {@code value}. */
    public static Reply reply(Object value) {
        return Reply.ok(CONTENT_TYPE, bytes(value));
    }
}
