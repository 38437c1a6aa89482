package io.netpulse.query.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON import_stats reads: request bodies and other instances' rows, strictly (duplicate keys and trailing
 * content are errors).
 */
final class ImportStatsJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final TypeReference<List<ImportStatsRow>> ROWS = new TypeReference<>() {
    };

    private ImportStatsJson() {
    }

    /** The tree of a request body; a missing node when the body holds only white space. */
    static JsonNode tree(byte[] body) throws JsonProcessingException {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            // reading a byte array does no I/O: only the parse can fail
            throw new UncheckedIOException(e);
        }
    }

    /** Rows as another instance answered them. */
    static List<ImportStatsRow> rows(byte[] answer) throws IOException {
        return MAPPER.readValue(answer, ROWS);
    }

    /** Where a parse failed, for the error message. */
    static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }

}
