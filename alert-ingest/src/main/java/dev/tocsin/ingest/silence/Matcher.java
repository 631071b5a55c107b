package dev.tocsin.ingest.silence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * One label matcher with Alertmanager's semantics: {@code =}, {@code !=}, {@code =~}, {@code !~}.
 * Regexes are RE2 (RE2/J, the syntax and linear-time matching of Go's regexp, which Prometheus and
 * Alertmanager use), fully anchored as Alertmanager anchors them ({@code ^(?:value)$}), and a label the
 * alert does not carry matches as the empty string, so {@code team!~"db"} holds for an alert
 * without a team label. Silences and urgency rules use the same matcher so they read alike.
 *
 * <p>A value like a record of {@code name}, {@code op} and {@code value}; a class only so that it can
 * keep its regex, compiled once when it is made, beside them.
 *
 * @throws IllegalArgumentException from the constructor when a regex is not valid RE2, or would compile
 *         into more than {@value #MAX_REGEX_SIZE} steps
 */
@JsonPropertyOrder({"name", "op", "value"})
public final class Matcher {

    /**
     * The largest a regex may grow once its counted repetitions are written out ({@link RegexSize}):
     * {@code [0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}} is 32, {@code (a{100}){100}} is 10,000.
     */
    public static final long MAX_REGEX_SIZE = 10_000;

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
            case RE -> pattern.matches(actual);
            case NRE -> !pattern.matches(actual);
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
        if (RegexSize.of(regex) > MAX_REGEX_SIZE) {
            throw new IllegalArgumentException("not a valid regular expression: its repetitions expand to more than "
                    + MAX_REGEX_SIZE + " steps (nested counts multiply); use * or + instead of large counts");
        }
        try {
            Pattern.compile(regex); // alone first, so an error quotes the regex as written
            return Pattern.compile("^(?:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid RE2 regular expression: " + e.getDescription()
                    + (e.getPattern().isEmpty() ? "" : " at `" + e.getPattern() + "`")
                    + hint(e.getDescription()), e);
        }
    }

    /** What people used to Java's or PCRE's regexes most often write, and RE2 leaves out on purpose. */
    private static String hint(String description) {
        if (description.contains("Perl syntax")) {
            return " (RE2 has no lookahead, lookbehind or atomic groups)";
        }
        if (description.contains("escape")) {
            return " (RE2 has no backreferences like \\1; a literal backslash is written \\\\)";
        }
        if (description.contains("named capture")) {
            return " (a named group is written (?P<name>...); RE2 has no lookbehind)";
        }
        if (description.contains("nested repetition")) {
            return " (RE2 has no possessive quantifiers like a++)";
        }
        return "";
    }
}
