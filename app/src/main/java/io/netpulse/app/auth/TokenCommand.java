package io.netpulse.app.auth;

import io.netpulse.app.AppConfig;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * {@code ./netpulse token}: prints a token minted with the embedded issuer's key, for trying scopes.
 *
 * <pre>
 * ./netpulse token --sites 9f9510bd-1234-5678-a7cf-f845a39e26db --sources 10.0.0.1,10.0.0.2 --ttl PT1H
 * </pre>
 *
 * An omitted scope grants nothing; {@code *} grants everything. The state directory, the signing key
 * ({@code auth.signing-key}), the issuer and the audience come from the same configuration netpulse runs with
 * ({@code --config FILE}, {@code NETPULSE_*} variables, {@code -Dnetpulse.*}; the options override them). The key is
 * never created here, so a wrong {@code --state-dir} fails instead of minting tokens nobody trusts; with
 * {@code auth.jwks} set netpulse trusts another issuer and mints nothing.
 */
public final class TokenCommand {

    /** Exit code of a usage error. */
    static final int USAGE = 2;
    /** Exit code when no key can be read. */
    static final int NO_KEY = 1;
    /** Default {@code --ttl}. */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private static final Set<String> OPTIONS =
            Set.of("sites", "accounts", "sources", "registry", "ttl", "config", "state-dir", "issuer", "audience");
    private static final String HELP = """
            Usage: netpulse token [--sites UUID,...|*] [--accounts ID,...|*] [--sources IP,...|*] [--registry write]
                                  [--ttl PT1H] [--config FILE] [--state-dir .netpulse]
                                  [--issuer netpulse-embedded] [--audience netpulse]
            Prints a bearer token signed with the embedded issuer's key (state.dir, or auth.signing-key).
            State directory, key, issuer and audience default to netpulse's configuration (--config FILE,
            NETPULSE_* variables).
            An omitted scope grants nothing; * grants everything. The lifetime is an ISO-8601
            duration (PT15M, PT1H, P7D), at most %s.
            Use it as:  curl -H "Authorization: Bearer $(./netpulse token --sites '*')" ...
            """.formatted(LocalIssuer.MAX_TTL);

    private TokenCommand() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.getProperties(), System.out, System.err, Clock.systemUTC());
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command with no configuration but the options (tests). */
    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        return run(args, Map.of(), new Properties(), out, err, clock);
    }

    /**
     * Runs the command.
     *
     * @param environment the process environment, for {@code NETPULSE_*} configuration
     * @param system      JVM system properties, for {@code -Dnetpulse.*} configuration
     * @return the process exit code: 0, {@value #NO_KEY} without a usable key, {@value #USAGE} for bad arguments
     */
    static int run(String[] args, Map<String, String> environment, Properties system, PrintStream out,
                   PrintStream err, Clock clock) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(HELP);
            return 0;
        }
        Map<String, String> options;
        Duration ttl;
        AppConfig config;
        try {
            options = parse(args);
            ttl = options.containsKey("ttl") ? Duration.parse(options.get("ttl")) : DEFAULT_TTL;
            config = AppConfig.load(Optional.ofNullable(options.get("config")).map(Path::of), environment, system);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // ConfigurationException is an IllegalArgumentException naming the key, the value and its origin.
            err.println("netpulse token: " + e.getMessage());
            err.print(HELP);
            return USAGE;
        }
        if (!config.auth().embeddedIssuer()) {
            err.println("netpulse token: auth.jwks is set, so netpulse trusts the tokens of "
                    + config.auth().issuer() + " and mints none; ask that issuer for a token");
            return NO_KEY;
        }
        LocalIssuer issuer;
        try {
            Path stateDir = options.containsKey("state-dir") ? Path.of(options.get("state-dir")) : config.stateDir();
            Path keyFile = options.containsKey("state-dir") || config.auth().signingKey().isEmpty()
                    ? stateDir.resolve(LocalIssuer.KEY_FILE) : config.auth().signingKey().get();
            issuer = LocalIssuer.openExisting(stateDir, keyFile,
                    options.getOrDefault("issuer", config.auth().issuer()),
                    options.getOrDefault("audience", config.auth().audience()), clock);
        } catch (IllegalStateException | UncheckedIOException e) {
            err.println("netpulse token: " + e.getMessage());
            return NO_KEY;
        }
        try {
            out.println(issuer.mint(list(options.get("sites")), list(options.get("accounts")),
                    list(options.get("sources")), list(options.get("registry")), ttl));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("netpulse token: " + e.getMessage());
            return USAGE;
        }
    }

    /** {@code --name value} and {@code --name=value}; each option at most once. */
    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + arg + "\"");
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (options.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        return options;
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
