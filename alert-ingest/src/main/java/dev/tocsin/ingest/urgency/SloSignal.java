package dev.tocsin.ingest.urgency;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an alert says about an SLO, read from the labels SLO tooling puts on its alerts:
 * <ul>
 * <li>the SLO: {@code slo} (Pyrra, and plain rules), else {@code sloth_slo} (Sloth);
 * <li>the burn rate, a number like {@code 15.2}: label {@code burn_rate}, else annotation
 *     {@code burn_rate} (a rule can template {@code {{ $value }}} there);
 * <li>the window, a Prometheus duration like {@code 1h} or {@code 1d}: label {@code window}, else
 *     {@code long_window}, else {@code long} (Pyrra's long window);
 * <li>the tier Sloth chose: {@code sloth_severity} = {@code page} or {@code ticket}.
 * </ul>
 * Unparseable values are ignored as if absent, so a malformed label never raises urgency by itself.
 *
 * @param slo null when the alert names no SLO
 * @param burnRate null when absent or not a number
 * @param window null when absent or not a duration
 * @param windowText the window as the alert wrote it
 * @param slothTier {@code page}, {@code ticket} or null
 */
record SloSignal(String slo, Double burnRate, Duration window, String windowText, String slothTier) {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w|y)");

    static SloSignal read(Map<String, String> labels, Map<String, String> annotations) {
        String slo = first(labels, "slo", "sloth_slo");
        String burn = first(labels, "burn_rate");
        if (burn == null) {
            burn = first(annotations, "burn_rate");
        }
        String windowText = first(labels, "window", "long_window", "long");
        String tier = first(labels, "sloth_severity");
        tier = tier == null ? null : tier.toLowerCase(Locale.ROOT);
        return new SloSignal(slo, number(burn).orElse(null), duration(windowText).orElse(null), windowText,
                "page".equals(tier) || "ticket".equals(tier) ? tier : null);
    }

    private static String first(Map<String, String> map, String... names) {
        if (map == null) {
            return null;
        }
        for (String name : names) {
            String value = map.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    /** A burn rate; a trailing {@code x} or {@code ×} is allowed because people write "14.4x". */
    static Optional<Double> number(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.replaceFirst("[x×X]$", "").trim();
        try {
            double value = Double.parseDouble(digits);
            return Double.isFinite(value) && value >= 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A Prometheus duration such as {@code 1h}, {@code 1d}, {@code 1h4m} or {@code 4d6h51m}. */
    static Optional<Duration> duration(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher part = DURATION_PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
            end = part.end();
        }
        return end == text.length() && !total.isZero() ? Optional.of(total) : Optional.empty();
    }
}
