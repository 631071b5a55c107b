package dev.tocsin.ingest.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.ingest.alert.LabelNames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds the strings of a request that the pipeline could not store or should not show: control
 * characters (U+0000 to U+001F, but for tab, newline and carriage return) and unpaired UTF-16
 * surrogates. PostgreSQL's text and jsonb refuse U+0000 and an unpaired surrogate cannot be written
 * as UTF-8, so an alert carrying one would be accepted and then never decided. Every string of a
 * body is checked, object member names included, and each bad one is named by its JSON path.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why this text cannot be stored, or null when it can. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return String.format("must not contain the control character U+%04X (at character %d)", (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must not contain the unpaired surrogate U+%04X (at character %d)", (int) c, i);
            }
        }
        return null;
    }

    /** Whether the text can be stored. */
    public static boolean storable(String text) {
        return text == null || problem(text) == null;
    }

    /**
     * An error for each string of the JSON value that cannot be stored, named by its path under
     * {@code at} ({@code ""} for the whole body: paths then read {@code [3].labels.alertname}).
     */
    public static List<FieldError> check(JsonNode value, String at) {
        List<FieldError> errors = new ArrayList<>();
        check(value, new Path(null, at, -1), errors);
        return errors;
    }

    /** Where a value is: written out only for a value that has an error, so a clean body builds no path. */
    private record Path(Path parent, String name, int index) {

        Path member(String member) {
            return new Path(this, member, -1);
        }

        Path element(int i) {
            return new Path(this, null, i);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return name;
            }
            String at = parent.toString();
            return name == null ? at + "[" + index + "]" : StorableText.member(at, name);
        }
    }

    private static void check(JsonNode value, Path at, List<FieldError> errors) {
        if (value.isTextual()) {
            String problem = problem(value.textValue());
            if (problem != null) {
                String path = at.toString();
                errors.add(new FieldError(path.isEmpty() ? "$" : path, problem));
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), at.element(i), errors);
            }
        } else if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> members = value.fields(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                Path path = at.member(member.getKey());
                String problem = problem(member.getKey());
                if (problem != null) {
                    errors.add(new FieldError(path.toString(), "member name " + problem));
                } else {
                    check(member.getValue(), path, errors);
                }
            }
        }
    }

    /**
     * The path of an object member: {@code a.name}, or {@code a["odd name"]} with the name escaped
     * as JSON would, so a path never carries the characters it complains about.
     */
    static String member(String at, String name) {
        if (LabelNames.isValid(name)) {
            return at.isEmpty() ? name : at + "." + name;
        }
        StringBuilder quoted = new StringBuilder(at).append("[\"");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c) || c == '"' || c == '\\') {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append("\"]").toString();
    }
}
