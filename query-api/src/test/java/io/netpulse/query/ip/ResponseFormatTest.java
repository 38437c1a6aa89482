package io.netpulse.query.ip;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HttpMediaType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseFormatTest {

    static Stream<Arguments> acceptHeaders() {
        return Stream.of(
                Arguments.of("no Accept header: JSON", "", Optional.of(ResponseFormat.JSON)),
                Arguments.of("anything: JSON", "*/*", Optional.of(ResponseFormat.JSON)),
                Arguments.of("CSV alone", "text/csv", Optional.of(ResponseFormat.CSV)),
                Arguments.of("any text: CSV", "text/*", Optional.of(ResponseFormat.CSV)),
                Arguments.of("letter case does not matter", "Text/CSV", Optional.of(ResponseFormat.CSV)),
                Arguments.of("equal quality: JSON", "text/csv, application/json", Optional.of(ResponseFormat.JSON)),
                Arguments.of("higher quality wins", "application/json;q=0.4, text/csv;q=0.8",
                        Optional.of(ResponseFormat.CSV)),
                Arguments.of("the most specific range decides a format's quality", "text/csv;q=0, */*",
                        Optional.of(ResponseFormat.JSON)),
                Arguments.of("CSV refused, JSON through the wildcard", "*/*;q=0.2, text/csv;q=0",
                        Optional.of(ResponseFormat.JSON)),
                Arguments.of("both refused", "application/json;q=0, text/csv;q=0", Optional.empty()),
                Arguments.of("neither listed", "application/xml, text/html", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptHeaders")
    void negotiation(String description, String accept, Optional<ResponseFormat> expected) {
        List<HttpMediaType> accepted = accept.isEmpty() ? List.of()
                : Arrays.stream(accept.split(",")).map(String::trim).map(HttpMediaType::create).toList();

        assertThat(ResponseFormat.negotiate(accepted)).as(description).isEqualTo(expected);
    }

    @Test
    void csvRowsEndInCrlfAndValuesHaveNoExponent() {
        List<IpTrafficDataSet> dataSets = List.of(
                new IpTrafficDataSet(143, "2015-05-05 00:00:00", new BigDecimal("344130.3006993007")),
                new IpTrafficDataSet(144, "2015-05-07 00:00:00", new BigDecimal("1.2E+3").setScale(0)));

        assertThat(new String(ResponseFormat.CSV.write(dataSets), StandardCharsets.UTF_8)).isEqualTo(
                "count,date,values\r\n143,2015-05-05 00:00:00,344130.3006993007\r\n144,2015-05-07 00:00:00,1200\r\n");
        assertThat(new String(ResponseFormat.JSON.write(dataSets), StandardCharsets.UTF_8)).isEqualTo(
                "[{\"count\":143,\"date\":\"2015-05-05 00:00:00\",\"values\":344130.3006993007},"
                        + "{\"count\":144,\"date\":\"2015-05-07 00:00:00\",\"values\":1200}]");
    }
}
