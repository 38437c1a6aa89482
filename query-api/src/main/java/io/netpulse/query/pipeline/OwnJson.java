package io.netpulse.query.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * A value that writes its own JSON, as ASCII bytes needing no escaping: for the answers of many small values, which
 * Jackson's generic writers make several times slower. Annotated {@code @JsonSerialize(using = OwnJson.Writer.class)}
 * it writes the same bytes wherever Jackson meets it, so there is one text either way.
 */
public interface OwnJson {

    /** This value as JSON. */
    byte[] json();

    /** Hands {@link #json} to the generator whole. */
    final class Writer extends StdSerializer<OwnJson> {

        public Writer() {
            super(OwnJson.class);
        }

        @Override
        public void serialize(OwnJson value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            byte[] json = value.json();
            generator.writeRawValue(new AsciiJson(json, json.length));
        }
    }
}
