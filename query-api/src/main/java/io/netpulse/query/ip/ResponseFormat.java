package io.netpulse.query.ip;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.helidon.http.HttpMediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two answer formats and the choice between them. JSON is the seed's array of data sets; CSV (RFC 4180) is a
 * header line {@code count,date,values} and one row per data set, every line ending in CRLF. No field ever needs
 * quoting: counts and values are plain numbers and dates {@code yyyy-MM-dd HH:mm:ss}. Errors are JSON whatever
 * was asked for, since the seed defines them so.
 */
public enum ResponseFormat {
    /** {@code application/json}: also the answer to no Accept header and to {@code *}{@code /*}. */
    JSON("application", "json", "application/json"),
    /** {@code text/csv}. */
    CSV("text", "csv", "text/csv; charset=UTF-8; header=present");

    /** The CSV header line. */
    public static final String CSV_HEADER = "count,date,values\r\n";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final String type;
    private final String subtype;
    private final String contentType;

    ResponseFormat(String type, String subtype, String contentType) {
        this.type = type;
        this.subtype = subtype;
        this.contentType = contentType;
    }

    /** The Content-Type of an answer in this format. */
    public String contentType() {
        return contentType;
    }

    /**
     * The format to answer a request whose Accept header lists {@code accepted} (empty without the header), as
     * RFC 9110 section 12.5.1 says: each format takes the quality of the most specific range that matches it, the
     * higher quality wins, JSON on a tie; none when both have quality 0.
     */
    public static Optional<ResponseFormat> negotiate(List<HttpMediaType> accepted) {
        if (accepted.isEmpty()) {
            return Optional.of(JSON);
        }
        ResponseFormat best = null;
        double bestQuality = 0;
        for (ResponseFormat format : values()) {
            double quality = format.quality(accepted);
            if (quality > bestQuality) {
                best = format;
                bestQuality = quality;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The answer body of {@code dataSets}. */
    public byte[] write(List<IpTrafficDataSet> dataSets) {
        return switch (this) {
            case JSON -> json(dataSets);
            case CSV -> {
                StringBuilder csv = new StringBuilder(CSV_HEADER);
                for (IpTrafficDataSet dataSet : dataSets) {
                    csv.append(dataSet.count()).append(',').append(dataSet.date()).append(',')
                            .append(dataSet.values().toPlainString()).append("\r\n");
                }
                yield csv.toString().getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /** {@code value} as JSON: data sets or an error body. */
    static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private double quality(List<HttpMediaType> accepted) {
        int bestSpecificity = -1;
        double quality = 0;
        for (HttpMediaType range : accepted) {
            int specificity = specificity(range);
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = range.qualityFactor();
            }
        }
        return quality;
    }

    /** 2 for this very type, 1 for its {@code type/*}, 0 for {@code *}{@code /*}, -1 when the range misses it. */
    private int specificity(HttpMediaType range) {
        String rangeType = range.type().toLowerCase(Locale.ROOT);
        String rangeSubtype = range.subtype().toLowerCase(Locale.ROOT);
        if (rangeType.equals("*")) {
            return rangeSubtype.equals("*") ? 0 : -1;
        }
        if (!rangeType.equals(type)) {
            return -1;
        }
        if (rangeSubtype.equals("*")) {
            return 1;
        }
        return rangeSubtype.equals(subtype) ? 2 : -1;
    }
}
