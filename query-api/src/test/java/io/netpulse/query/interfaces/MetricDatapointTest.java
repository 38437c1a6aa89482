package io.netpulse.query.interfaces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netpulse.query.pipeline.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MetricDatapointTest {

    /** 2026-12-01 00:00:00 UTC. */
    private static final long DAY = 1_796_083_200_000L;
    private static final long MINUTE = 60_000L;

    private static String json(Object value) {
        return new String(Json.bytes(value), StandardCharsets.UTF_8);
    }

    @Test
    void aPointIsItsClockAndAPlainDecimalRoundedHalfEvenToThreePlaces() {
        assertThat(json(new MetricDatapoint(DAY, 1.2E7)))
                .isEqualTo("{\"clock\":\"2026-12-01 00:00:00\",\"value\":12000000}");
        // 1234.5675 lies halfway: the even neighbour 1234.568 wins; 0.0125 goes down to 0.012 the same way.
        assertThat(json(new MetricDatapoint(DAY + MINUTE, 1234.5675)))
                .isEqualTo("{\"clock\":\"2026-12-01 00:01:00\",\"value\":1234.568}");
        assertThat(json(new MetricDatapoint(DAY + 2 * MINUTE, 0.0125)))
                .isEqualTo("{\"clock\":\"2026-12-01 00:02:00\",\"value\":0.012}");
        // Under half a thousandth is zero, and a large rate keeps every digit instead of an exponent.
        assertThat(json(new MetricDatapoint(DAY + 3 * MINUTE, 2.5E-4)))
                .isEqualTo("{\"clock\":\"2026-12-01 00:03:00\",\"value\":0}");
        assertThat(json(new MetricDatapoint(DAY + 4 * MINUTE, 1.0E21)))
                .isEqualTo("{\"clock\":\"2026-12-01 00:04:00\",\"value\":1000000000000000000000}");
    }

    @Test
    void digitsAroundTheLongLimitAndBelowZeroAreWrittenTheSameWay() {
        // just below the limit the thousandths are a long; a double is read as its shortest decimal, as before
        assertThat(value(999_999_999_999_999.9)).isEqualTo("999999999999999.9");
        // the limit itself and beyond are printed by BigDecimal
        assertThat(value(1e15)).isEqualTo("1000000000000000");
        assertThat(value(1_000_000_000_000_000.2)).isEqualTo("1000000000000000.2");
        assertThat(value(-0.5)).isEqualTo("-0.5");
        assertThat(value(-1600.0005)).isEqualTo("-1600");
        assertThat(value(-0.0004)).isEqualTo("0");
        assertThat(value(0.1)).isEqualTo("0.1");
        assertThat(value(10.01)).isEqualTo("10.01");
        assertThat(value(7.0009)).isEqualTo("7.001");
    }

    /** The digits written directly are the digits BigDecimal prints, from nothing to beyond the long limit. */
    @Property(tries = 5_000)
    void agreesWithBigDecimal(@ForAll("rates") double rate) {
        assertThat(value(rate)).isEqualTo(BigDecimal.valueOf(rate).setScale(3, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString());
    }

    @Provide
    Arbitrary<Double> rates() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e3, 1e3),
                Arbitraries.doubles().between(0, 1e16),
                Arbitraries.doubles().between(0, 1e7).ofScale(4),
                Arbitraries.longs().between(0, 10_000_000_000L).map(units -> units / 1000.0 + 0.0005),
                Arbitraries.longs().between(-10_000_000_000L, 0).map(units -> units / 1000.0 - 0.0005),
                // a minute's octets as bits per second: full-precision fractions, as the answers carry them
                Arbitraries.longs().between(0, 10_000_000_000_000L).map(octets -> octets * 8 / 60.0));
    }

    private static String value(double rate) {
        String json = json(new MetricDatapoint(DAY, rate));
        return json.substring(json.indexOf("\"value\":") + 8, json.length() - 1);
    }

    /** The clock's digits go out as written; a year beyond 9999 (never asked for) comes out as the formatter's. */
    @Test
    void theClockIsTheBucketStartInUtcWhateverTheYear() {
        assertThat(json(new MetricDatapoint(DAY + 59_999L, 1.0)))
                .isEqualTo("{\"clock\":\"2026-12-01 00:00:59\",\"value\":1}");
        assertThat(json(new MetricDatapoint(253_402_300_800_000L, 1.0)))
                .isEqualTo("{\"clock\":\"+10000-01-01 00:00:00\",\"value\":1}");
        assertThat(new MetricDatapoint(DAY + MINUTE, 1.0).clock()).isEqualTo("2026-12-01 00:01:00");
    }

    /** Composed as bytes, a point reads the same through Jackson's char writer as through its byte writer. */
    @Test
    void aCharWriterWritesTheSamePoints() throws Exception {
        // composed as bytes, as bytes again, through BigDecimal, with the formatter's clock of a five-digit year
        List<MetricDatapoint> points = List.of(new MetricDatapoint(DAY, -0.5),
                new MetricDatapoint(DAY + MINUTE, 999_999_999_999_999.9), new MetricDatapoint(DAY + 2 * MINUTE, 1.0E21),
                new MetricDatapoint(253_402_300_800_000L, 2.25));
        String expected = "[{\"clock\":\"2026-12-01 00:00:00\",\"value\":-0.5},"
                + "{\"clock\":\"2026-12-01 00:01:00\",\"value\":999999999999999.9},"
                + "{\"clock\":\"2026-12-01 00:02:00\",\"value\":1000000000000000000000},"
                + "{\"clock\":\"+10000-01-01 00:00:00\",\"value\":2.25}]";
        assertThat(new ObjectMapper().writeValueAsString(points)).isEqualTo(expected);
        assertThat(json(points)).isEqualTo(expected);
    }

    /** A day of points overflows both writers' buffers many times over: each point still comes out whole, once. */
    @Test
    void aDayOfPointsReadsTheSameThroughEitherWriter() throws Exception {
        List<MetricDatapoint> day = new java.util.ArrayList<>();
        StringBuilder expected = new StringBuilder("[");
        for (int minute = 0; minute < 1_440; minute++) {
            day.add(new MetricDatapoint(DAY + minute * MINUTE, minute + 0.125));
            expected.append(minute == 0 ? "" : ",").append("{\"clock\":\"2026-12-01 ")
                    .append(String.format("%02d:%02d", minute / 60, minute % 60)).append(":00\",\"value\":")
                    .append(minute).append(".125}");
        }
        expected.append(']');
        assertThat(new ObjectMapper().writeValueAsString(day)).isEqualTo(expected.toString());
        assertThat(json(day)).isEqualTo(expected.toString());
    }

    @Test
    void theAnswerListsBothSeriesInOrder() {
        InterfaceMetrics metrics = new InterfaceMetrics(
                List.of(new MetricDatapoint(DAY, 800.0),
                        new MetricDatapoint(DAY + MINUTE, 1600.5)),
                List.of(new MetricDatapoint(DAY, 80.25),
                        new MetricDatapoint(DAY + MINUTE, 0.0)));
        assertThat(json(metrics)).isEqualTo("{\"ifInOctets\":["
                + "{\"clock\":\"2026-12-01 00:00:00\",\"value\":800},"
                + "{\"clock\":\"2026-12-01 00:01:00\",\"value\":1600.5}],\"ifOutOctets\":["
                + "{\"clock\":\"2026-12-01 00:00:00\",\"value\":80.25},"
                + "{\"clock\":\"2026-12-01 00:01:00\",\"value\":0}]}");
    }

    @Test
    void anAnswerWithoutPointsHasBothSeriesEmpty() {
        assertThat(new String(new InterfaceMetrics(List.of(), List.of()).json(), StandardCharsets.US_ASCII))
                .isEqualTo("{\"ifInOctets\":[],\"ifOutOctets\":[]}");
    }

    /**
     * The answer is measured before it is written: points written the slow way (a value of 10^15 or more, a
     * five-digit year) take exactly their length too, and nothing is left over at the end of the array.
     */
    @Test
    void theAnswerIsExactlyItsPointsWhicheverWayEachIsWritten() {
        InterfaceMetrics metrics = new InterfaceMetrics(
                List.of(new MetricDatapoint(DAY, 1.0E21), new MetricDatapoint(253_402_300_800_000L, -2.25)),
                List.of(new MetricDatapoint(DAY, 0.0005)));
        assertThat(new String(metrics.json(), StandardCharsets.US_ASCII)).isEqualTo("{\"ifInOctets\":["
                + "{\"clock\":\"2026-12-01 00:00:00\",\"value\":1000000000000000000000},"
                + "{\"clock\":\"+10000-01-01 00:00:00\",\"value\":-2.25}],\"ifOutOctets\":["
                + "{\"clock\":\"2026-12-01 00:00:00\",\"value\":0}]}");
    }

    /**
     * Any answer's bytes are its points as the formatter and BigDecimal write them, in order, and the array holds
     * nothing else: the measuring and the writing agree on every value.
     */
    @Property(tries = 300)
    void anAnswerIsItsPointsAsTheFormatterAndBigDecimalWriteThem(
            @ForAll("series") List<Double> in, @ForAll("series") List<Double> out) {
        assertThat(new String(new InterfaceMetrics(points(in), points(out)).json(), StandardCharsets.US_ASCII))
                .isEqualTo("{\"ifInOctets\":" + expected(in) + ",\"ifOutOctets\":" + expected(out) + "}");
    }

    @Provide
    Arbitrary<List<Double>> series() {
        return rates().list().ofMaxSize(50);
    }

    private static List<MetricDatapoint> points(List<Double> rates) {
        List<MetricDatapoint> points = new java.util.ArrayList<>();
        for (int minute = 0; minute < rates.size(); minute++) {
            points.add(new MetricDatapoint(DAY + minute * MINUTE, rates.get(minute)));
        }
        return points;
    }

    private static String expected(List<Double> rates) {
        StringBuilder text = new StringBuilder("[");
        for (int minute = 0; minute < rates.size(); minute++) {
            text.append(minute == 0 ? "" : ",").append("{\"clock\":\"")
                    .append(io.netpulse.query.pipeline.UtcClock.FORMAT.format(
                            java.time.Instant.ofEpochMilli(DAY + minute * MINUTE)))
                    .append("\",\"value\":").append(BigDecimal.valueOf(rates.get(minute))
                            .setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString())
                    .append('}');
        }
        return text.append(']').toString();
    }
}
