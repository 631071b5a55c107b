package dev.tocsin.ingest.silence;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher with Alertmanager's semantics: {@code =}, {@code !=}, {@code =~}, {@code !~}.
 * Regexes are fully anchored, as Alertmanager anchors them ({@code ^(?:value)$}), and a label the
 * alert does not carry matches as the empty string, so {@code team!~"db"} holds for an alert
 * without a team label. Silences and urgency rules use the same matcher so they read alike.
 *
 * @throws IllegalArgumentException from the constructor when a regex does not compile
 */
public record Matcher(String name, Op op, String value) {

    /** Compiled regexes shared by every matcher: silences and rules repeat a few patterns. */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    /** Past this many patterns the cache starts over, so regexes that were only validated cannot grow it forever. */
    private static final int MAX_CACHED = 10_000;

    /** The four comparisons, written as Alertmanager and PromQL write them. */
    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        @JsonValue
        public String symbol() {
            return symbol;
        }

        public boolean regex() {
            return this == RE || this == NRE;
        }

        public static Optional<Op> ofSymbol(String symbol) {
            return Arrays.stream(values()).filter(op -> op.symbol.equals(symbol)).findFirst();
        }
    }

    public Matcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (op.regex()) {
            pattern(value);
        }
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQ -> actual.equals(value);
            case NE -> !actual.equals(value);
            case RE -> pattern(value).matcher(actual).matches();
            case NRE -> !pattern(value).matcher(actual).matches();
        };
    }

    /** True when an alert without this label matches; a selector made only of such matchers selects everything. */
    public boolean matchesEmpty() {
        return matches(Map.of());
    }

    /** As Alertmanager prints it: {@code alertname=~"Disk.*"}. */
    @Override
    public String toString() {
        return name + op.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static Pattern pattern(String regex) {
        Pattern cached = PATTERNS.get(regex);
        if (cached != null) {
            return cached;
        }
        try {
            // matches() anchors at both ends; the group keeps an alternation like a|b whole.
            Pattern compiled = Pattern.compile("(?:" + regex + ")");
            if (PATTERNS.size() >= MAX_CACHED) {
                PATTERNS.clear();
            }
            PATTERNS.put(regex, compiled);
            return compiled;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription(), e);
        }
    }
}
