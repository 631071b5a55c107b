package dev.tocsin.ingest.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatchAllTest {

    /** Matchers written as {@code name op "value"} separated by {@code ,}, as amtool prints them. */
    private static List<Matcher> matchers(String text) {
        List<Matcher> matchers = new ArrayList<>();
        for (String part : text.split(", ")) {
            int end = 0;
            while (Character.isLetterOrDigit(part.charAt(end)) || part.charAt(end) == '_') {
                end++;
            }
            String op = part.substring(end, part.charAt(end + 1) == '"' ? end + 1 : end + 2);
            String value = part.substring(end + op.length() + 1, part.length() - 1);
            matchers.add(new Matcher(part.substring(0, end), Matcher.Op.ofSymbol(op).orElseThrow(), value));
        }
        return matchers;
    }

    private static Optional<String> reason(String text) {
        return MatchAll.reason(matchers(text), List.of("checkout", "payments"));
    }

    @ParameterizedTest(name = "{0} matches every alert")
    @ValueSource(strings = {
            // Every alert has a service: "any non-empty service" is every alert (the example).
            "service=~\".+\"",
            // Both labels every alert has, each matched whatever it is.
            "alertname!=\"\", service=~\".*\"",
            // x^ matches nothing, so its negation matches everything.
            "service!~\"x^\"",
            // Spelled differently, meaning the same.
            "alertname=~\"(?s).+\"",
            "alertname=~\".*.*\"",
            "service=~\"[^\\n]*\"",
            "alertname=~\".+|\"",
            "service!=\"\", alertname!~\"\"",
            // A label an alert need not carry, matched whether present or not, beside one every alert has.
            "team=~\".*\", service=~\".+\""})
    void refusesMatchersThatMatchEveryAlert(String text) {
        Optional<String> reason = reason(text);
        assertTrue(reason.isPresent(), text);
        assertTrue(reason.get().startsWith("matches every alert: "), reason.get());
    }

    @ParameterizedTest(name = "{0} is a real silence")
    @ValueSource(strings = {
            // The usual: one alert name, or one service.
            "alertname=\"DiskFull\"",
            "service=\"checkout\"",
            // A regex that names a family of alerts.
            "alertname=~\"Disk.*\"",
            // Any service but one is not every alert: checkout's alerts escape it.
            "service!=\"checkout\"",
            "service!~\"check.*\"",
            // Needs a label not every alert carries.
            "team=~\".+\"",
            "team=\"db\", service=~\".+\"",
            // Matches every alert except those the regex names.
            "alertname!~\"Watchdog|InfoInhibitor\"",
            // Every alert but those of names no typical probe has: the alternatives themselves are probes.
            "alertname!~\"(FooBarQux|QuuxCorge)\""})
    void acceptsSilencesThatNameWhatTheyMute(String text) {
        assertEquals(Optional.empty(), reason(text), text);
    }

    @Test
    void explainsTheRefusalInTheMatchersOwnWords() {
        assertEquals("matches every alert: service=~\".+\" matches any service; add a matcher that names what to"
                + " mute, like alertname=\"DiskFull\"", reason("service=~\".+\"").orElseThrow());
        assertTrue(reason("team=~\".*\", service=~\".+\"").orElseThrow()
                .contains("team=~\".*\" matches any team, and alerts without one"));
    }
}
