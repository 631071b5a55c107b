package dev.tocsin.ingest.alert.store;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.alert.LabelNames;
import dev.tocsin.ingest.silence.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Alert search's {@code label} query parameters in Alertmanager's matcher syntax:
 * {@code alertname=CheckoutErrors}, {@code service!=db}, {@code alertname=~"Disk.*"},
 * {@code team!~"db|ops"}; a value may be wrapped in double quotes. Regexes are RE2, anchored, and
 * checked as silences check theirs.
 */
final class LabelQuery {

    private static final String EXAMPLE =
            "must be a matcher like alertname=CheckoutErrors, service!=db, or alertname=~\"Disk.*\"";

    private LabelQuery() {
    }

    /** Each parameter as a matcher; 400 naming {@code label[i]} for the first that is not one. */
    static List<Matcher> parse(List<String> labels, int maxValueLength) {
        List<Matcher> matchers = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            matchers.add(parse(labels.get(i), "label[" + i + "]", maxValueLength));
        }
        return matchers;
    }

    private static Matcher parse(String text, String field, int maxValueLength) {
        int end = 0;
        while (end < text.length() && isNameChar(text.charAt(end))) {
            end++;
        }
        String name = text.substring(0, end);
        String rest = text.substring(end);
        Matcher.Op op = null;
        for (String symbol : List.of("=~", "!~", "!=", "=")) {
            if (rest.startsWith(symbol)) {
                op = Matcher.Op.ofSymbol(symbol).orElseThrow();
                rest = rest.substring(symbol.length());
                break;
            }
        }
        if (!LabelNames.isValid(name) || op == null) {
            throw ProblemException.badRequest(field, EXAMPLE);
        }
        String value = rest.length() >= 2 && rest.startsWith("\"") && rest.endsWith("\"")
                ? rest.substring(1, rest.length() - 1) : rest;
        if (value.length() > maxValueLength) {
            throw ProblemException.badRequest(field, "the value must be at most " + maxValueLength
                    + " characters long, not " + value.length());
        }
        try {
            return new Matcher(name, op, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
