package dev.tocsin.ingest.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tocsin.events.EventJson;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {

    private static final Map<String, String> ALERT = Map.of("alertname", "DiskFull", "service", "checkout",
            "instance", "db-1:9100");

    @ParameterizedTest(name = "{0} {1} \"{2}\" -> {3}")
    @CsvSource(delimiter = '|', value = {
            // Plain equality is exact: no substring, no case folding.
            "alertname | =  | DiskFull      | true",
            "alertname | =  | diskfull      | false",
            "alertname | =  | Disk          | false",
            "alertname | != | DiskFull      | false",
            "alertname | != | CPUHigh       | true",
            // Regexes are anchored at both ends, as Alertmanager anchors them: "Disk" does not match "DiskFull".
            "alertname | =~ | Disk          | false",
            "alertname | =~ | Disk.*        | true",
            "alertname | =~ | .*Full        | true",
            "alertname | =~ | isk.*         | false",
            // The anchor covers an alternation whole: a|b means ^(?:a|b)$, not ^a or b$.
            "alertname | =~ | 'CPUHigh|DiskFull' | true",
            "alertname | =~ | 'CPU|Disk'    | false",
            "alertname | !~ | Disk.*        | false",
            "alertname | !~ | CPU.*         | true",
            "instance  | =~ | db-[0-9]+:9100 | true",
            // A missing label matches as the empty string.
            "team      | =  | ''            | true",
            "team      | =  | db            | false",
            "team      | != | db            | true",
            "team      | != | ''            | false",
            "team      | =~ | .*            | true",
            "team      | =~ | .+            | false",
            // !~ on a missing label: "" does not match "db", so the matcher holds.
            "team      | !~ | db            | true",
            "team      | !~ | .*            | false"})
    void matchesLikeAlertmanager(String name, String op, String value, boolean expected) {
        Matcher matcher = new Matcher(name, Matcher.Op.ofSymbol(op).orElseThrow(), value);
        assertEquals(expected, matcher.matches(ALERT));
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\" matches empty: {3}")
    @CsvSource(delimiter = '|', value = {
            // These select alerts without the label, so alone they would select almost everything.
            "team | =  | ''   | true",
            "team | != | db   | true",
            "team | =~ | .*   | true",
            "team | !~ | db   | true",
            // These need a value, so they narrow the selection.
            "team | =  | db   | false",
            "team | =~ | .+   | false",
            "team | != | ''   | false",
            "team | !~ | .*   | false"})
    void knowsWhetherItMatchesTheEmptyString(String name, String op, String value, boolean expected) {
        assertEquals(expected, new Matcher(name, Matcher.Op.ofSymbol(op).orElseThrow(), value).matchesEmpty());
    }

    @Test
    void refusesARegexThatDoesNotCompile() {
        assertThrows(IllegalArgumentException.class, () -> new Matcher("alertname", Matcher.Op.RE, "Disk("));
    }

    @Test
    void printsAsAlertmanagerDoes() {
        assertEquals("alertname=~\"Disk.*\"", new Matcher("alertname", Matcher.Op.RE, "Disk.*").toString());
        assertEquals("msg!=\"say \\\"hi\\\"\"", new Matcher("msg", Matcher.Op.NE, "say \"hi\"").toString());
    }

    @Test
    void isAValueOfItsNameOpAndValueAndWritesThemAsJson() {
        assertEquals(new Matcher("service", Matcher.Op.RE, "check.*"), new Matcher("service", Matcher.Op.RE, "check.*"));
        assertEquals(new Matcher("service", Matcher.Op.RE, "check.*").hashCode(),
                new Matcher("service", Matcher.Op.RE, "check.*").hashCode());
        assertEquals("{\"name\":\"service\",\"op\":\"=~\",\"value\":\"check.*\"}",
                EventJson.write(new Matcher("service", Matcher.Op.RE, "check.*")));
    }
}
