package dev.tocsin.ingest.urgency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.alert.Classification;
import dev.tocsin.ingest.service.ServiceProfile;
import dev.tocsin.ingest.service.Slo;
import dev.tocsin.ingest.service.UrgencyRule;
import dev.tocsin.ingest.silence.Matcher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Burn-rate cases come from the SRE workbook's table for a 30-day budget (burn rate = share of the
 * budget × 720 h / window): 2% in 1h = 14.4×, 5% in 6h = 6×, 10% in 1d = 3×, 10% in 3d = 1×.
 */
class ClassifierTest {

    private static final Duration DAYS_30 = Duration.ofDays(30);
    private static final List<UrgencyRule> RULES = List.of(
            new UrgencyRule(List.of(new Matcher("alertname", Matcher.Op.EQ, "Watchdog")), Urgency.LOG,
                    "heartbeat, proves the pipeline works"),
            new UrgencyRule(List.of(new Matcher("alertname", Matcher.Op.RE, "Disk.*")), Urgency.TICKET,
                    "disks fill over days"));
    /** Two SLOs: an alert must name one to be tied to it. */
    private static final ServiceProfile TWO_SLOS = new ServiceProfile("checkout", "Checkout",
            ServiceProfile.Criticality.USER_FACING,
            List.of(new Slo("availability", 99.9, DAYS_30), new Slo("latency", 99, DAYS_30)), RULES, null);
    /** One SLO: an alert naming none is tied to it. */
    private static final ServiceProfile ONE_SLO = new ServiceProfile("checkout", "Checkout",
            ServiceProfile.Criticality.USER_FACING, List.of(new Slo("availability", 99.9, DAYS_30)), List.of(), null);

    @ParameterizedTest(name = "[{index}] {1} / {2} / severity {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // --- The workbook's page rows: 2% of the budget in 1h is 14.4×, 5% in 6h is 6×.
            "two  | slo=availability,burn_rate=14.4,window=1h  | null | critical | PAGE   | paged: checkout availability burning 14.4× over 1h ≥ 14.4",
            // Just under the 1h threshold: 14.39× would exhaust the budget a little later than the rule allows; no page.
            "two  | slo=availability,burn_rate=14.39,window=1h | null | critical | LOG    | logged: checkout availability burning 14.39× over 1h < 14.4",
            "two  | slo=availability,burn_rate=15.2,window=1h  | null | critical | PAGE   | paged: checkout availability burning 15.2× over 1h ≥ 14.4",
            // A slow burn seen over 1h is logged, whatever its severity says: the 1h window pages or nothing.
            "two  | slo=availability,burn_rate=2,window=1h     | null | critical | LOG    | logged: checkout availability burning 2.0× over 1h < 14.4",
            "two  | slo=availability,burn_rate=6,window=6h     | null | warning  | PAGE   | paged: checkout availability burning 6.0× over 6h ≥ 6",
            "two  | slo=availability,burn_rate=5.99,window=6h  | null | critical | LOG    | logged: checkout availability burning 5.99× over 6h < 6",
            // --- The ticket rows: 10% of the budget in 1 day is 3×, in 3 days 1×.
            "two  | slo=availability,burn_rate=3,window=1d     | null | critical | TICKET | ticket: checkout availability burning 3.0× over 1d ≥ 3",
            "two  | slo=availability,burn_rate=2.99,window=1d  | null | critical | LOG    | logged: checkout availability burning 2.99× over 1d < 3",
            "two  | slo=latency,burn_rate=1,window=3d          | null | critical | TICKET | ticket: checkout latency burning 1.0× over 3d ≥ 1",
            "two  | slo=latency,burn_rate=0.99,window=72h      | null | critical | LOG    | logged: checkout latency burning 0.99× over 72h < 1",
            // The burn rate may come from an annotation templated with {{ $value }}.
            "two  | slo=availability,window=1h                 | burn_rate=16.8 | critical | PAGE | paged: checkout availability burning 16.8× over 1h ≥ 14.4",
            // A label beats an annotation; a long_window label works like window.
            "two  | slo=availability,burn_rate=20,long_window=1h | burn_rate=1 | none   | PAGE   | paged: checkout availability burning 20.0× over 1h ≥ 14.4",
            // --- Pyrra: slo, long and short windows, no burn rate; the alert fired at its window's threshold.
            "two  | slo=availability,long=1h4m,short=5m,severity=critical      | null | critical | PAGE   | paged: checkout availability burn-rate alert over 1h4m (threshold 14.4×)",
            "two  | slo=availability,long=4d6h51m,short=6h26m,severity=warning | null | warning  | TICKET | ticket: checkout availability burn-rate alert over 4d6h51m (threshold 1×)",
            // --- Sloth: sloth_slo and sloth_severity; its severity label is the user's and may say warning.
            "two  | sloth_slo=availability,sloth_severity=page,sloth_service=checkout   | null | warning  | PAGE   | paged: checkout availability Sloth page alert (burning ≥ 14.4× over 1h or ≥ 6× over 6h)",
            "two  | sloth_slo=latency,sloth_severity=ticket                            | null | critical | TICKET | ticket: checkout latency Sloth ticket alert (burning ≥ 3× over 1d or ≥ 1× over 3d)",
            // --- Rules come first: a team's explicit decision beats burn rate and severity.
            "two  | alertname=DiskAlmostFull,slo=availability,burn_rate=20,window=1h | null | critical | TICKET | ticket: urgency rule 2 of checkout (alertname=~\"Disk.*\") — disks fill over days",
            "two  | alertname=Watchdog | null | critical | LOG | logged: urgency rule 1 of checkout (alertname=\"Watchdog\") — heartbeat, proves the pipeline works",
            // --- Severity, for an alert tied to an SLO.
            "two  | alertname=Errors,slo=availability | null | critical | PAGE   | paged: severity critical",
            "two  | alertname=Errors,slo=availability | null | warning  | TICKET | ticket: severity warning",
            "two  | alertname=Errors,slo=availability | null | info     | LOG    | logged: severity info",
            "two  | alertname=Errors,slo=availability | null | null     | PAGE   | paged: no severity label (treated as critical)",
            "two  | alertname=Errors,slo=availability | null | high     | PAGE   | paged: unknown severity high (treated as critical)",
            // A window the table has no row for (2h) says nothing about burn rate; severity decides.
            "two  | slo=availability,burn_rate=20,window=2h | null | critical | PAGE | paged: severity critical",
            // With exactly one SLO an alert naming none is tied to it.
            "one  | alertname=Errors | null | critical | PAGE | paged: severity critical",
            "one  | alertname=Errors,burn_rate=20,window=1h | null | info | PAGE | paged: checkout availability burning 20.0× over 1h ≥ 14.4",
            // --- Tied to no SLO: never pages by default.
            "two  | alertname=Errors | null | critical | TICKET | ticket: severity critical, but tied to no SLO of checkout",
            "two  | alertname=Errors | null | null     | TICKET | ticket: no severity label (treated as critical), but tied to no SLO of checkout",
            // Naming an SLO the service does not define ties to nothing, even at a page-worthy burn rate.
            "two  | slo=throughput,burn_rate=20,window=1h | null | critical | TICKET | ticket: severity critical, but tied to no SLO of checkout: it names SLO \"throughput\", which checkout does not define",
            "none | alertname=Errors | null | critical | TICKET | ticket: severity critical, but tied to no SLO of checkout (checkout has no service profile)",
            // Lower urgencies are not raised by the missing tie.
            "none | alertname=Errors | null | warning  | TICKET | ticket: severity warning",
            "none | alertname=Errors | null | none     | LOG    | logged: severity none"})
    void classifies(String profile, String labels, String annotations, String severity, Urgency urgency, String reason) {
        ServiceProfile p = switch (profile) {
            case "two" -> TWO_SLOS;
            case "one" -> ONE_SLO;
            default -> null;
        };
        Classification classification = Classifier.classify(p, "checkout", severity, map(labels), map(annotations));
        assertEquals(new Classification(urgency, reason), new Classification(classification.urgency(),
                classification.reason()));
    }

    @ParameterizedTest(name = "[{index}] {0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // Tied to an SLO of a user-facing service: users feel it, whatever decided the urgency.
            "two      | slo=availability,burn_rate=20,window=1h              | availability",
            "two      | alertname=Errors,slo=latency                         | latency",
            "two      | alertname=DiskAlmostFull,slo=availability            | availability",
            "one      | alertname=Errors                                     | availability",
            // Tied to nothing, or to an SLO of an internal service: nobody outside feels it.
            "two      | alertname=Errors                                     | null",
            "two      | slo=throughput,burn_rate=20,window=1h                | null",
            "internal | slo=availability,burn_rate=20,window=1h              | null",
            "none     | slo=availability,burn_rate=20,window=1h              | null"})
    void namesTheUserFacingSloAnAlertIsTiedTo(String profile, String labels, String userFacingSlo) {
        ServiceProfile p = switch (profile) {
            case "two" -> TWO_SLOS;
            case "one" -> ONE_SLO;
            case "internal" -> new ServiceProfile("checkout", "Checkout", ServiceProfile.Criticality.INTERNAL,
                    ONE_SLO.slos(), List.of(), null);
            default -> null;
        };
        assertEquals(userFacingSlo, Classifier.classify(p, "checkout", "critical", map(labels), Map.of())
                .userFacingSlo());
    }

    @Test
    void aDrillPagesWhateverTheRulesSayAndThreatensNoSlo() {
        // Rule 1 would log a Watchdog, and the SLO is user-facing: a drill pages, and declares no incident.
        Classification drill = Classifier.classify(ONE_SLO, "checkout", "info",
                map("alertname=Watchdog,tocsin_drill=d-1"), Map.of());
        assertEquals(new Classification(Urgency.PAGE, "paged: drill d-1, which pages the on-call as a real alert of "
                + "checkout would", null), drill);
    }

    private static Map<String, String> map(String pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        if (pairs != null) {
            for (String pair : pairs.split(",")) {
                String[] kv = pair.trim().split("=", 2);
                map.put(kv[0], kv[1]);
            }
        }
        return map;
    }
}
