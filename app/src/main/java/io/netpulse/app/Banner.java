package io.netpulse.app;

import io.netpulse.app.auth.JwksService;
import io.netpulse.app.auth.LocalIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The start-up banner, the only text netpulse prints to standard output: where everything is and what to try.
 */
final class Banner {

    private Banner() {
    }

    static String text(Netpulse netpulse) {
        AppConfig config = netpulse.config();
        String base = "http://localhost:" + netpulse.httpPort();
        boolean embedded = config.kafka().embedded();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("netpulse is starting; it reports ready at " + base + "/observe/health/ready");
        lines.add("  Kafka bootstrap   " + netpulse.bootstrapServers()
                + (embedded ? "   (embedded broker, data in " + config.stateDir().resolve("kafka") + ")" : ""));
        lines.add("  Schema registry   " + netpulse.registryUrl() + (embedded ? "   (embedded)" : ""));
        lines.add("  Dashboard         " + base + "/   (paste a bearer token; the demo's is below)");
        lines.add("  HTTP API          " + base);
        lines.add("  Health            " + base + "/observe/health");
        lines.add("  Metrics           " + base + "/observe/metrics");
        String bearer;
        if (netpulse.demoToken().isPresent()) {
            Path demoToken = netpulse.demoToken().get();
            lines.add("  JWK set           " + base + JwksService.PATH + "   (embedded token issuer)");
            lines.add("  Demo token        " + demoToken + "   (every scope, valid "
                    + LocalIssuer.DEMO_TOKEN_TTL.toHours() + " h; ./netpulse token mints scoped ones)");
            bearer = "-H \"Authorization: Bearer $(cat " + shellWord(demoToken.toString()) + ")\"";
        } else {
            lines.add("  Bearer tokens     of " + config.auth().issuer() + ", keys from " + config.auth().jwks()
                    .map(Object::toString).orElse(""));
            bearer = "-H \"Authorization: Bearer $TOKEN\"";
        }
        if (embedded && config.demoExporter()) {
            lines.add("  Demo exporter     " + DemoNetwork.INTERFACES.size() + " interfaces on "
                    + DemoNetwork.DEVICES.size() + " devices at 3 sites, flows from "
                    + DemoNetwork.DEVICES.size() + " exporters");
        }
        lines.add("");
        lines.add("Try:");
        lines.add("  curl -s " + base + "/observe/health");
        lines.add("  curl -s " + base + "/observe/metrics | grep '^netpulse_'");
        lines.add("  curl -s " + base + "/registry/subjects");
        if (embedded) {
            lines.add("  kcat -b " + netpulse.bootstrapServers() + " -C -t " + config.topics().names().inventory()
                    + " -e -f '%k %s\\n'");
        }
        // API examples, on the demo's fixed exporters and ids (DemoNetwork); one per API as the APIs land. Every
        // data API needs the bearer token.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        lines.add("  curl -s " + bearer + " " + base + "/interfaces");
        lines.add("  curl -s " + bearer + " -X POST " + base + "/metrics/interfaces/"
                + DemoNetwork.INTERFACES.get(0).id() + "/metrics -H 'Content-Type: application/json' \\");
        lines.add("    -d '{\"from\": \"" + now.minus(Duration.ofMinutes(10)) + "\", \"to\": \""
                + now.plus(Duration.ofHours(1)) + "\"}'");
        lines.add("  curl -s " + bearer + " '" + base + "/metrics/dashboard/data-transferred?site_ids%5B%5D="
                + DemoNetwork.AMSTERDAM.id() + "&bucket_interval_minutes=15'");
        lines.add("  curl -s " + bearer + " -X POST " + base + "/api/mgmt.flowgateway_analytics/1.0/import_stats"
                + " -H 'Content-Type: application/json' \\");
        lines.add("    -d '{\"stats_type\": \"flows_per_minute\", \"interval_type\": \"minutes\","
                + " \"time_interval\": 10, \"source_ip\": \"10.1.0.1\"}'");
        DemoNetwork.Server server = DemoNetwork.SERVERS.get(0);
        String today = now.atZone(ZoneOffset.UTC).toLocalDate().toString();
        lines.add("  curl -s " + bearer + " '" + base + "/accounts/" + server.accountId() + "/dedicatedServers/"
                + server.serverId() + "/ipAddresses/" + server.address() + "/statistics/traffic?scope=receive"
                + "&startDate=" + today + "&endDate=" + today + "&period=hourly&method=sum'");
        lines.add("");
        lines.add("Ctrl-C stops netpulse; its state stays in " + config.stateDir());
        return String.join(System.lineSeparator(), lines);
    }

    /** The text as one shell word: unchanged when it is plain, else single-quoted. */
    static String shellWord(String text) {
        return text.matches("[A-Za-z0-9/._+:@%-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
