package io.netpulse.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * How the value of a {@link ConfigKey} is written: {@link #parse} reads it (throwing
 * {@link IllegalArgumentException} with the problem alone; {@link ConfigSource} adds key, value and origin) and
 * {@link #format} writes a default back as operators write it, so a default kept as a typed constant elsewhere
 * (a topology record's, a library's) appears in the configuration table without a second copy.
 *
 * @param <T> the value read
 */
public final class ValueType<T> {

    private static final String NOT_A_DURATION = "not an ISO-8601 duration such as PT30S, PT15M or P7D";

    /** Any non-empty text. */
    public static final ValueType<String> TEXT = new ValueType<>(text -> {
        check(!text.isEmpty(), "must not be empty");
        return text;
    }, Function.identity());
    /** {@code true} or {@code false}, any case. */
    public static final ValueType<Boolean> BOOLEAN = new ValueType<>(text -> switch (text.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException("must be true or false");
    }, String::valueOf);
    /** A positive ISO-8601 duration; written as {@code P7D} rather than {@code PT168H} for whole days. */
    public static final ValueType<Duration> DURATION = new ValueType<>(ValueType::isoDuration, ValueType::text)
            .require(d -> !d.isNegative() && !d.isZero(), "must be positive");
    /** An ISO-8601 duration that may be zero (a clock skew). */
    public static final ValueType<Duration> DURATION_OR_ZERO = new ValueType<>(ValueType::isoDuration,
            ValueType::text).require(d -> !d.isNegative(), "must not be negative");
    /** A positive whole number. */
    public static final ValueType<Long> POSITIVE_LONG = new ValueType<>(ValueType::wholeNumber, String::valueOf)
            .require(n -> n > 0, "must be positive");
    /** A positive finite number, written without {@code .0} when whole. */
    public static final ValueType<Double> POSITIVE_NUMBER = new ValueType<>(text -> {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
    }, ValueType::number).require(n -> n > 0 && !Double.isInfinite(n), "must be a positive number");
    /** A share of 100. */
    public static final ValueType<Double> PERCENT = POSITIVE_NUMBER.require(n -> n <= 100,
            "must be a percentage in (0, 100]");
    /** A memory size of at least 1 MiB ({@link ByteSize}). */
    public static final ValueType<Long> MEMORY = new ValueType<>(ByteSize::parse, ByteSize::format)
            .require(n -> n >= 1024 * 1024, "must be at least 1MiB");
    /** An http or https URL with a host. */
    public static final ValueType<URI> HTTP_URL = new ValueType<>(ValueType::httpUri, URI::toString);
    /** A file path as written (relative to the working directory unless absolute). */
    public static final ValueType<Path> PATH = new ValueType<>(text -> Path.of(TEXT.parse(text)), Path::toString);
    /** {@code host:port} with a port from 1 to 65535. */
    public static final ValueType<HostInfo> HOST_PORT = new ValueType<>(ValueType::hostInfo,
            h -> h.host() + ":" + h.port());
    /** A comma-separated list of non-empty items, spaces around them ignored. */
    public static final ValueType<List<String>> LIST = new ValueType<>(text -> {
        List<String> items = Arrays.stream(TEXT.parse(text).split(",")).map(String::trim).toList();
        check(items.stream().noneMatch(String::isEmpty), "an item of the comma-separated list is empty");
        return items;
    }, items -> String.join(",", items));
    /** {@link #LIST} as a set, written sorted. */
    public static final ValueType<Set<String>> SET = new ValueType<Set<String>>(text -> Set.copyOf(LIST.parse(text)),
            items -> String.join(",", new TreeSet<>(items)));
    /** Sampling rates by exporter, {@code address=rate,address=rate}: IPv6 addresses hold colons, hence {@code =}. */
    public static final ValueType<Map<String, Long>> SAMPLING_RATES = new ValueType<>(ValueType::samplingRates,
            map -> map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(",")));

    private final Function<String, T> parser;
    private final Function<T, String> formatter;

    private ValueType(Function<String, T> parser, Function<T, String> formatter) {
        this.parser = parser;
        this.formatter = formatter;
    }

    /** A type read by {@code parser} (throwing {@link IllegalArgumentException}) and written by {@code formatter}. */
    public static <T> ValueType<T> of(Function<String, T> parser, Function<T, String> formatter) {
        return new ValueType<>(parser, formatter);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static ValueType<Integer> integer(int min, int max) {
        return new ValueType<>(text -> {
            long value = wholeNumber(text);
            check(value >= min && value <= max, "must be between " + min + " and " + max);
            return (int) value;
        }, String::valueOf);
    }

    /** One of {@code allowed}, exactly as written there. */
    public static ValueType<String> oneOf(String... allowed) {
        return TEXT.require(List.of(allowed)::contains, "must be one of " + String.join(", ", allowed));
    }

    /** The constants of {@code type} by their lower-case names. */
    public static <E extends Enum<E>> ValueType<E> lowerCase(Class<E> type) {
        String[] names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
        return new ValueType<>(text -> Enum.valueOf(type, oneOf(names).parse(text).toUpperCase(Locale.ROOT)),
                e -> e.name().toLowerCase(Locale.ROOT));
    }

    /** {@code inner}, or nothing for an empty value. */
    public static <T> ValueType<Optional<T>> optional(ValueType<T> inner) {
        return new ValueType<>(text -> text.isEmpty() ? Optional.empty() : Optional.of(inner.parse(text)),
                value -> value.map(inner::format).orElse(""));
    }

    /** Reads {@code text}; the exception's message is the problem alone. */
    public T parse(String text) {
        return parser.apply(text);
    }

    /** {@code value} as an operator writes it. */
    public String format(T value) {
        return formatter.apply(value);
    }

    /** This type, refusing values that fail {@code rule} with {@code problem}. */
    public ValueType<T> require(Predicate<T> rule, String problem) {
        return new ValueType<>(text -> {
            T value = parse(text);
            check(rule.test(value), problem);
            return value;
        }, formatter);
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static Duration isoDuration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(NOT_A_DURATION);
        }
    }

    private static String text(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 && !duration.isZero() && duration.getNano() == 0
                ? "P" + duration.toDays() + "D" : duration.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static long wholeNumber(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    private static URI httpUri(String text) {
        try {
            URI uri = new URI(text);
            check(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null,
                    "not an http or https URL");
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
    }

    private static HostInfo hostInfo(String text) {
        int colon = text.lastIndexOf(':');
        check(colon > 0, "expected host:port");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port");
        }
        check(port >= 1 && port <= 65_535, "port must be between 1 and 65535");
        return new HostInfo(text.substring(0, colon), port);
    }

    private static Map<String, Long> samplingRates(String text) {
        Map<String, Long> values = new TreeMap<>();
        if (text.isBlank()) {
            return values;
        }
        for (String entry : text.split(",")) {
            int equals = entry.indexOf('=');
            check(equals > 0, "expected address=rate, got '" + entry.trim() + "'");
            String name = entry.substring(0, equals).trim();
            long value = wholeNumber(entry.substring(equals + 1).trim());
            check(value > 0, "sampling rate of " + name + " must be positive");
            values.put(name, value);
        }
        return values;
    }
}
