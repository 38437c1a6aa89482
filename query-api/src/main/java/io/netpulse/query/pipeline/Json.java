package io.netpulse.query.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netpulse.query.iq.Reply;

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

    /** {@code value} (a record, list or map) as JSON bytes. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A 200 answer holding {@code value}. */
    public static Reply reply(Object value) {
        return Reply.ok(CONTENT_TYPE, bytes(value));
    }
}
