package dev.tocsin.ingest.silence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a silence's matchers would mute every alert, by evaluating the compiled matchers
 * against probe label sets rather than by reading how they are spelled: {@code service=~".+"},
 * {@code service!~"x^"} and {@code alertname!=""} with {@code service=~".*"} all mute everything,
 * and no list of spellings would ever be complete.
 *
 * <p>Every alert carries {@code alertname} and {@code service} (the signal's service when its
 * labels have none), so probes always give those two a non-empty value; any other label may be
 * missing, which matchers see as the empty string. The probes give every label the matchers name
 * each probe value in turn: the empty string, typical label values, the known services, fixed
 * random strings, and each matcher's own value and variations of it. The matchers are a
 * conjunction and each reads one label, so they match every probe exactly when each matches every
 * probe value of its label, which is also how the refusal explains itself.
 */
public final class MatchAll {

    /** Labels every alert has a value for. */
    static final Set<String> ALWAYS_PRESENT = Set.of("alertname", "service");

    private static final List<String> TYPICAL = List.of("x", "a", "Z", "0", "1", "42", "12345", "-", "_", ".", " ",
            "x y", "é", "日本", "Watchdog", "DiskFull", "InstanceDown", "TargetDown", "HighLatency",
            "KubePodCrashLooping", "checkout", "payments", "db", "prod", "staging", "critical", "warning", "info",
            "localhost:9100", "10.0.0.1:9100", "https://example.com/alerts?id=1", "AlertStorm");
    /** Fixed, so a refusal can be repeated and explained; random enough to miss what a matcher names. */
    private static final List<String> RANDOM = randomStrings(new Random(20261202L), 16);

    private MatchAll() {
    }

    /**
     * Why these matchers would mute every alert, or empty when some probe escapes them.
     *
     * @param knownServices service ids known here (profiles), used as probe values
     */
    public static Optional<String> reason(List<Matcher> matchers, Collection<String> knownServices) {
        Set<String> values = values(matchers, knownServices);
        Set<String> names = matchers.stream().map(Matcher::name).collect(Collectors.toCollection(LinkedHashSet::new));
        names.addAll(ALWAYS_PRESENT);
        for (String value : values) {
            Map<String, String> probe = new HashMap<>();
            for (String name : names) {
                probe.put(name, value.isEmpty() && ALWAYS_PRESENT.contains(name) ? "x" : value);
            }
            if (!matchers.stream().allMatch(m -> m.matches(probe))) {
                return Optional.empty();
            }
        }
        return Optional.of("matches every alert: " + matchers.stream().map(MatchAll::explain)
                .collect(Collectors.joining("; ")) + "; add a matcher that names what to mute, like alertname=\"DiskFull\"");
    }

    private static String explain(Matcher matcher) {
        return matcher + " matches any " + matcher.name()
                + (ALWAYS_PRESENT.contains(matcher.name()) ? "" : ", and alerts without one");
    }

    private static Set<String> values(List<Matcher> matchers, Collection<String> knownServices) {
        Set<String> values = new LinkedHashSet<>();
        values.add("");
        values.addAll(TYPICAL);
        values.addAll(RANDOM);
        knownServices.stream().limit(1000).forEach(values::add);
        for (Matcher m : matchers) {
            String v = m.value();
            values.addAll(List.of(v, v + "x", "x" + v, v.toUpperCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
            if (!v.isEmpty()) {
                values.add(v.substring(1));
                values.add(v.substring(0, v.length() - 1));
            }
            if (m.op().regex()) {
                // The alternatives a regex names, as literals: Watchdog and Info of !~"(Watchdog|Info)".
                StringBuilder literal = new StringBuilder();
                for (char c : (v + "|").toCharArray()) {
                    if (c == '|') {
                        values.add(literal.toString());
                        literal.setLength(0);
                    } else if ("()^$".indexOf(c) < 0) {
                        literal.append(c);
                    }
                }
            }
        }
        return values;
    }

    private static List<String> randomStrings(Random random, int count) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:/-@ ";
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            strings.add(s.toString());
        }
        return List.copyOf(strings);
    }
}
