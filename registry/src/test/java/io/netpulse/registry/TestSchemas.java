package io.netpulse.registry;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apache.avro.Schema;

/** Small hand-written schemas for the registry tests, with their canonical JSON as a registry stores it. */
public final class TestSchemas {

    public static final String PING_JSON =
            "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"io.netpulse.test\","
                    + "\"fields\":[{\"name\":\"device\",\"type\":\"string\"}]}";
    /** PING with an optional field: each reads the other's data. */
    public static final String PING_V2_JSON =
            "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"io.netpulse.test\","
                    + "\"fields\":[{\"name\":\"device\",\"type\":\"string\"},"
                    + "{\"name\":\"ifIndex\",\"type\":[\"null\",\"int\"],\"default\":null}]}";
    public static final String PONG_JSON =
            "{\"type\":\"record\",\"name\":\"Pong\",\"namespace\":\"io.netpulse.test\","
                    + "\"fields\":[{\"name\":\"rttMillis\",\"type\":\"long\"}]}";

    public static final Schema PING = new Schema.Parser().parse(PING_JSON);
    public static final Schema PING_V2 = new Schema.Parser().parse(PING_V2_JSON);
    public static final Schema PONG = new Schema.Parser().parse(PONG_JSON);

    private TestSchemas() {
    }

    /** {@code text} as a JSON string literal, escaped as Jackson (Confluent's and netpulse's writer) escapes it. */
    public static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
