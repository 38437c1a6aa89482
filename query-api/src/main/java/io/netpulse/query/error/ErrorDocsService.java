package io.netpulse.query.error;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;

/** Serves the pages {@code doc_url} points at: {@code GET /docs/errors/{code}}, one short plain-text page per code. */
public final class ErrorDocsService implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        rules.get(ErrorCode.DOCS_PATH + "{code}", this::explain);
    }

    private void explain(ServerRequest request, ServerResponse response) {
        String code = request.path().pathParameters().get("code");
        ErrorCode known = Arrays.stream(ErrorCode.values())
                .filter(candidate -> candidate.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new Problem.NotFound(
                        "No error code '" + code + "' is documented here."));
        response.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN)
                .send(known.code() + " (HTTP " + known.status().code() + ", " + known.type() + ")\n\n"
                        + known.explanation() + "\n");
    }
}
