package dev.tocsin.ingest.silence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher with Alertmanager's semantics: {@code =}, {@code !=}, {@code =~}, {@code !~}.
 * Regexes are fully anchored, as Alertmanager anchors them ({@code ^(?:value)$}), and a label the
 * alert does not carry matches as the empty string, so {@code team!~"db"} holds for an alert
 * without a team label. Silences and urgency rules use the same matcher so they read alike.
 *
 * <p>A value like a record of {@code name}, {@code op} and {@code value}; a class only so that it can
 * keep its regex, compiled once when it is made, beside them.
 *
 * @throws IllegalArgumentException from the constructor when a regex does not compile
 */
@JsonPropertyOrder({"name", "op", "value"})
public final class Matcher {

    private final String name;
    private final Op op;
    private final String value;
    /** The compiled regex of {@code =~} and {@code !~}; null for the others. */
    private final Pattern pattern;

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

    public Matcher(String name, Op op, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.op = Objects.requireNonNull(op, "op");
        this.value = Objects.requireNonNull(value, "value");
        this.pattern = op.regex() ? compile(value) : null;
    }

    @JsonProperty
    public String name() {
        return name;
    }

    @JsonProperty
    public Op op() {
        return op;
    }

    @JsonProperty
    public String value() {
        return value;
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQ -> actual.equals(value);
            case NE -> !actual.equals(value);
            case RE -> pattern.matcher(actual).matches();
            case NRE -> !pattern.matcher(actual).matches();
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

    @Override
    public boolean equals(Object other) {
        return other instanceof Matcher m && name.equals(m.name) && op == m.op && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, op, value);
    }

    private static Pattern compile(String regex) {
        try {
            // matches() anchors at both ends; the group keeps an alternation like a|b whole.
            return Pattern.compile("(?:" + regex + ")");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription(), e);
        }
    }
}
