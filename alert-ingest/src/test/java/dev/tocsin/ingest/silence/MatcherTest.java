package dev.tocsin.ingest.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            "team      | !~ | .*            | false",
            // Anchoring covers the whole regex in RE2 too: ^ and $ inside are no-ops, a literal never matches a part.
            "alertname | =~ | ^DiskFull$    | true",
            "instance  | =~ | db-1          | false",
            "instance  | =~ | '.*:9100'     | true",
            // RE2 syntax Alertmanager users write: flags, Perl classes, Unicode classes, POSIX classes.
            "alertname | =~ | (?i)diskfull  | true",
            "instance  | =~ | '\\w+-\\d:\\d{4}' | true",
            "service   | =~ | \\p{L}+     | true",
            "service   | =~ | '[[:lower:]]+' | true",
            // x^ can never match (an anchor after a character): Alertmanager's way to write "nothing".
            "service   | =~ | x^            | false",
            "service   | !~ | x^            | true"})
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

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // A plain syntax error, said in regex terms and quoting the regex as written.
            "'Disk('          | missing closing ) at `Disk(`",
            // java.util.regex accepted these; RE2 leaves them out on purpose, since they need backtracking.
            "'(\\w)\\1'   | invalid escape sequence at `\\1` (RE2 has no backreferences",
            "'Disk(?=Full)'   | invalid or unsupported Perl syntax at `(?=` (RE2 has no lookahead",
            "'(?<!x)Disk'     | invalid named capture at `(?<!x)Disk` (a named group is written (?P<name>...); RE2 has no lookbehind",
            "'a++'            | invalid nested repetition operator at `++` (RE2 has no possessive",
            "'(?>Disk)'       | invalid or unsupported Perl syntax",
            "'\\Z'          | invalid escape sequence at `\\Z`",
            // RE2 counts up to 1000 (Go's limit), java.util.regex had none.
            "'a{1001}'        | invalid repeat count at `{1001}`",
            // Short, but nested counts multiply: refused before compiling, which would exhaust memory.
            "'((a{1000}){1000}){1000}' | its repetitions expand to more than 10000 steps",
            "'(a{200}){100}'  | its repetitions expand to more than 10000 steps"})
    void refusesWhatIsNotRe2InRegexTerms(String regex, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Matcher("alertname", Matcher.Op.RE, regex));
        assertTrue(e.getMessage().startsWith("not a valid"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("java") || e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void acceptsCountsThatStayWithinTheBound() {
        // A UUID is 32 steps, (a{100}){100} exactly the bound: both compile.
        assertTrue(new Matcher("id", Matcher.Op.RE, "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")
                .matches(java.util.Map.of("id", "3f2a9c1e-0b1d-4c3e-9f00-123456789abc")));
        assertTrue(new Matcher("x", Matcher.Op.RE, "(a{100}){100}").matches(java.util.Map.of("x", "a".repeat(10_000))));
    }

    @Test
    void decidesTheCatastrophicBacktrackingCaseAtOnce() {
        // (.*a){12} against 40 characters took java.util.regex over a minute per alert; RE2 is linear.
        // The timeout only keeps a regression from hanging the build; the assertion is the answer.
        String value = "a".repeat(39) + "b";
        Matcher matcher = new Matcher("summary", Matcher.Op.RE, "(.*a){12}");
        boolean matched = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> matcher.matches(Map.of("summary", value)));
        assertFalse(matched);
        assertTrue(matcher.matches(Map.of("summary", "a".repeat(40))));
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
