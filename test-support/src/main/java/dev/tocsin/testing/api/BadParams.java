package dev.tocsin.testing.api;

import dev.tocsin.testing.api.OpenApiOperations.Operation;
import dev.tocsin.testing.api.OpenApiOperations.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bad path and query parameters for one operation: ids no store can hold or a path would resolve
 * differently (a NUL, {@code ..}, 300 characters, an id longer than a request line may be),
 * numbers that are words, negative or huge, and filter values outside what the API declares.
 */
final class BadParams {

    private BadParams() {
    }

    static List<BadRequest> of(Operation op, Map<String, String> ids, byte[] body) {
        List<BadRequest> bad = new ArrayList<>();
        for (Parameter p : op.in("path")) {
            for (Map.Entry<String, String> id : ids().entrySet()) {
                Map<String, String> values = new HashMap<>(ids);
                values.put(p.name(), id.getValue());
                String target = op.path(values);
                // A 404 answers an unknown id well enough; a 400 must say which parameter.
                bad.add(request(op, target, body, "path parameter " + p.name() + " is " + id.getKey(), p.name(), true));
            }
        }
        String path = op.path(ids);
        for (Parameter p : op.in("query")) {
            for (Map.Entry<String, Boolean> value : values(p).entrySet()) {
                String target = path + "?" + p.name() + "=" + URLEncoder.encode(value.getKey(), StandardCharsets.UTF_8);
                String shown = value.getKey().length() > 40 ? value.getKey().length() + " characters" : "'" + value.getKey() + "'";
                bad.add(request(op, target, body, "query parameter " + p.name() + " is " + printable(shown), p.name(),
                        value.getValue()));
            }
        }
        return bad;
    }

    private static BadRequest request(Operation op, String target, byte[] body, String broken, String field,
            boolean mustRefuse) {
        return new BadRequest(op.toString(), op.method(), target, body == null ? null : "application/json", null,
                body, broken, field, mustRefuse || op.mutates());
    }

    /** Ids by what each is. */
    private static Map<String, String> ids() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("a NUL (%00)", "\u0000");
        ids.put("'..'", "..");
        ids.put("a BEL control character", "a\u0007b");
        ids.put("300 characters", "i".repeat(300));
        ids.put("10,000 characters (longer than a request line may be)", "i".repeat(10_000));
        ids.put("unicode with an emoji", "\u00fcn\u00efc\u00f8d\u00e9-\uD83D\uDE00");
        ids.put("a percent sign and spaces", "100% sure id");
        ids.put("a path that climbs out (an encoded slash)", "../../etc/passwd");
        ids.put("SQL", "x' OR '1'='1");
        ids.put("markup", "<script>alert(1)</script>");
        ids.put("only spaces", "   ");
        ids.put("a right-to-left override", "abc\u202Edef");
        return ids;
    }

    /** Bad values of one query parameter, each with whether no server may answer it with a 2xx. */
    private static Map<String, Boolean> values(Parameter p) {
        Map<String, Boolean> values = new LinkedHashMap<>();
        String type = Skeleton.type(p.schema());
        String name = p.name().toLowerCase(Locale.ROOT);
        values.put("a\u0000b", true);
        values.put("x".repeat(10_000), true);
        if (type.equals("integer") || type.equals("number")) {
            values.put("abc", true);
            values.put("1.5", type.equals("integer"));
            values.put("-1", false);
            values.put("99999999999999999999", true);
            values.put("0x10", true);
            values.put("1e3", true);
            values.put("0", false);
        } else if (type.equals("boolean")) {
            values.put("maybe", true);
        } else if (p.schema().path("enum").isArray()) {
            values.put("bogus", true);
        } else {
            values.put("x".repeat(300), false);
            values.put("(", name.contains("label") || name.contains("match") || name.contains("regex"));
            values.put("bogus", false);
        }
        if (name.equals("since") || name.equals("until") || name.equals("at") || p.schema().path("format").asText().equals("date-time")) {
            values.put("yesterday", true);
            values.put("+100000000-01-01T00:00:00Z", true);
        }
        if (name.contains("zone")) {
            values.put("Mars/Olympus", true);
        }
        return values;
    }

    private static String printable(String s) {
        return s.replace("\u0000", "\\u0000");
    }
}
