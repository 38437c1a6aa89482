package io.netpulse.query.interfaces;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.netpulse.query.pipeline.OwnJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Get Interface Metrics answer: inbound and outbound bits per second, ascending, one point per bucket that
 * has data. A day of minutes is the largest answer a single key gets (2,880 points, about 150 KB), so its JSON is
 * measured first and written once into an array of exactly its size ({@link #json}): no generator buffers grown and
 * copied, no object per point beyond the point itself.
 *
 * @param ifInOctets  inbound series
 * @param ifOutOctets outbound series
 */
@JsonSerialize(using = OwnJson.Writer.class)
public record InterfaceMetrics(List<MetricDatapoint> ifInOctets, List<MetricDatapoint> ifOutOctets)
        implements OwnJson {

    private static final byte[] IN = "{\"ifInOctets\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OUT = "],\"ifOutOctets\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "]}".getBytes(StandardCharsets.US_ASCII);

    public InterfaceMetrics {
        ifInOctets = List.copyOf(ifInOctets);
        ifOutOctets = List.copyOf(ifOutOctets);
    }

    /** The answer as JSON, {@code {"ifInOctets":[…],"ifOutOctets":[…]}}, each point as it writes itself. */
    @Override
    public byte[] json() {
        byte[] text = new byte[IN.length + length(ifInOctets) + OUT.length + length(ifOutOctets) + END.length];
        int at = put(IN, text, 0);
        at = write(ifInOctets, text, at);
        at = put(OUT, text, at);
        at = write(ifOutOctets, text, at);
        put(END, text, at);
        return text;
    }

    private static int length(List<MetricDatapoint> series) {
        int length = Math.max(0, series.size() - 1);
        for (MetricDatapoint point : series) {
            length += point.jsonLength();
        }
        return length;
    }

    private static int write(List<MetricDatapoint> series, byte[] text, int at) {
        for (int index = 0; index < series.size(); index++) {
            if (index > 0) {
                text[at++] = ',';
            }
            at = series.get(index).writeJson(text, at);
        }
        return at;
    }

    private static int put(byte[] bytes, byte[] text, int at) {
        System.arraycopy(bytes, 0, text, at, bytes.length);
        return at + bytes.length;
    }
}
