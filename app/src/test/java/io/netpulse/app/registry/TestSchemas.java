package io.netpulse.app.registry;

import org.apache.avro.Schema;

/** Small hand-written schemas for the registry tests, with their canonical JSON as a registry stores it. */
final class TestSchemas {

    static final String PING_JSON =
            "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"io.netpulse.test\","
                    + "\"fields\":[{\"name\":\"device\",\"type\":\"string\"}]}";
    static final String PING_V2_JSON =
            "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"io.netpulse.test\","
                    + "\"fields\":[{\"name\":\"device\",\"type\":\"string\"},"
                    + "{\"name\":\"ifIndex\",\"type\":[\"null\",\"int\"],\"default\":null}]}";
    static final String PONG_JSON =
            "{\"type\":\"record\",\"name\":\"Pong\",\"namespace\":\"io.netpulse.test\","
                    + "\"fields\":[{\"name\":\"rttMillis\",\"type\":\"long\"}]}";

    static final Schema PING = new Schema.Parser().parse(PING_JSON);
    static final Schema PING_V2 = new Schema.Parser().parse(PING_V2_JSON);
    static final Schema PONG = new Schema.Parser().parse(PONG_JSON);

    private TestSchemas() {
    }
}
