package dev.tocsin.ingest.silence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.ingest.alert.LabelNames;
import java.util.ArrayList;
import java.util.List;

/**
 * One matcher as JSON. Tocsin's own form is {@code {"name":"service","op":"=~","value":"check.*"}};
 * Alertmanager's API v2 form {@code {"name","value","isRegex","isEqual"}} is read too, so a matcher
 * can be pasted from amtool or the Alertmanager UI. {@code op} wins when both are given.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatcherJson(String name, String op, String value, @JsonProperty("isRegex") Boolean isRegex,
        @JsonProperty("isEqual") Boolean isEqual) {

    /** Most matchers one selector may have: as many as an alert may carry labels. */
    public static final int MAX_MATCHERS = 64;

    public static MatcherJson of(Matcher matcher) {
        return new MatcherJson(matcher.name(), matcher.op().symbol(), matcher.value(), null, null);
    }

    /** As {@link #read(List, String, FieldErrors, int)} without a bound on values: for matchers already stored. */
    public static List<Matcher> read(List<MatcherJson> json, String path, FieldErrors errors) {
        return read(json, path, errors, Integer.MAX_VALUE);
    }

    /**
     * Reads a list of matchers, adding an error under {@code path} (e.g. {@code matchers[1].value}) for
     * each invalid one. Refuses an empty list and one whose every matcher matches the empty string:
     * either would select every alert, and an empty selector never means everything.
     *
     * @param maxValueLength the longest value (a regex or a label value) a matcher may have, in characters
     * @return the matchers, or null when any error was added
     */
    public static List<Matcher> read(List<MatcherJson> json, String path, FieldErrors errors, int maxValueLength) {
        if (json == null || json.isEmpty()) {
            errors.add(path, "needs at least one matcher; an empty selector would match every alert");
            return null;
        }
        if (json.size() > MAX_MATCHERS) {
            errors.add(path, "must have at most " + MAX_MATCHERS + " matchers, not " + json.size());
            return null;
        }
        List<Matcher> matchers = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < json.size(); i++) {
            Matcher matcher = null;
            if (json.get(i) == null) {
                errors.add(path + "[" + i + "]",
                        "must be a matcher like {\"name\":\"alertname\",\"op\":\"=\",\"value\":\"DiskFull\"}");
            } else {
                matcher = json.get(i).toMatcher(path + "[" + i + "]", errors, maxValueLength);
            }
            valid &= matcher != null;
            matchers.add(matcher);
        }
        if (!valid) {
            return null;
        }
        if (matchers.stream().allMatch(Matcher::matchesEmpty)) {
            errors.add(path, "matches every alert: every matcher also matches an alert without its label (as the"
                    + " empty string); add one that needs a label value, like alertname=\"DiskFull\"");
            return null;
        }
        return List.copyOf(matchers);
    }

    private Matcher toMatcher(String path, FieldErrors errors, int maxValueLength) {
        int before = errors.size();
        if (!LabelNames.isValid(name)) {
            errors.add(path + ".name", "must be a label name like alertname");
        }
        Matcher.Op parsed = resolvedOp();
        if (parsed == null) {
            errors.add(path + ".op", "must be one of =, !=, =~, !~");
        }
        if (value == null) {
            errors.add(path + ".value", "is required (use \"\" for an empty value)");
        } else if (value.length() > maxValueLength) {
            errors.add(path + ".value", "must be at most " + maxValueLength + " characters long, not " + value.length());
        }
        if (errors.size() > before) {
            return null;
        }
        try {
            return new Matcher(name, parsed, value);
        } catch (IllegalArgumentException e) {
            errors.add(path + ".value", e.getMessage());
            return null;
        }
    }

    /** This matcher, known to be valid (as stored); throws IllegalArgumentException otherwise. */
    public Matcher matcher() {
        Matcher.Op parsed = resolvedOp();
        if (parsed == null) {
            throw new IllegalArgumentException("unknown matcher operator " + op);
        }
        return new Matcher(name, parsed, value);
    }

    private Matcher.Op resolvedOp() {
        if (op != null) {
            return Matcher.Op.ofSymbol(op.trim()).orElse(null);
        }
        boolean regex = Boolean.TRUE.equals(isRegex);
        boolean equal = !Boolean.FALSE.equals(isEqual);
        return regex ? (equal ? Matcher.Op.RE : Matcher.Op.NRE) : (equal ? Matcher.Op.EQ : Matcher.Op.NE);
    }
}
