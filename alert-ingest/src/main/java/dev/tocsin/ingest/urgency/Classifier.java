package dev.tocsin.ingest.urgency;

import dev.tocsin.events.alert.Drill;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.alert.Classification;
import dev.tocsin.ingest.service.ServiceProfile;
import dev.tocsin.ingest.service.Slo;
import dev.tocsin.ingest.service.UrgencyRule;
import dev.tocsin.ingest.silence.Labels;
import dev.tocsin.ingest.silence.Matcher;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides how urgent a new alert is, and says why in words a responder reads. Pure: no I/O, no clock.
 * <ol>
 * <li>The service's urgency rules, in order: the first whose matchers all match decides.
 * <li>SLO burn rate (the SRE workbook's multiwindow, multi-burn-rate alerting), for an alert tied
 *     to an SLO of its service: page at ≥ 14.4× over 1h or ≥ 6× over 6h, ticket at ≥ 3× over 1d
 *     or ≥ 1× over 3d, otherwise log. Which labels are read is documented on {@link SloSignal}.
 * <li>Otherwise severity: critical, page, error, missing or unknown page; warning tickets; info
 *     and none log. But an alert tied to no SLO of its service never pages by default (SRE book
 *     ch. 11: page only on symptoms that threaten the SLO): a page becomes a ticket.
 * </ol>
 * An alert is tied to an SLO when its SLO label names one of the profile's SLOs, or when it names
 * none and the profile has exactly one. An SLO of a {@code USER_FACING} service is named on the
 * classification as user-facing, whatever decided the urgency.
 */
public final class Classifier {

    private Classifier() {
    }

    /** Pure. profile is null when the service has no profile in alert-ingest. */
    public static Classification classify(ServiceProfile profile, String service, String severity,
            Map<String, String> labels, Map<String, String> annotations) {
        Map<String, String> safeLabels = labels == null ? Map.of() : labels;
        String drill = Drill.idOf(safeLabels);
        if (drill != null) {
            // A drill pages whatever the rules say, and threatens no SLO: it must not declare an incident.
            return new Classification(Urgency.PAGE, "paged: drill " + drill
                    + ", which pages the on-call as a real alert of " + service + " would", null);
        }
        SloSignal signal = SloSignal.read(safeLabels, annotations);
        Tie tie = tie(profile, service, signal.slo());
        String userFacingSlo = tie.slo() != null && profile.criticality() == ServiceProfile.Criticality.USER_FACING
                ? tie.slo().name() : null;
        Optional<Classification> byRule = byRule(profile, service, Labels.withService(safeLabels, service));
        if (byRule.isPresent()) {
            return byRule.get().on(userFacingSlo);
        }
        if (tie.slo() != null) {
            Optional<Classification> byBurnRate = byBurnRate(service + " " + tie.slo().name(), signal);
            if (byBurnRate.isPresent()) {
                return byBurnRate.get().on(userFacingSlo);
            }
        }
        return bySeverity(severity, tie, service).on(userFacingSlo);
    }

    private static Optional<Classification> byRule(ServiceProfile profile, String service, Map<String, String> labels) {
        if (profile == null) {
            return Optional.empty();
        }
        List<UrgencyRule> rules = profile.urgencyRules();
        for (int i = 0; i < rules.size(); i++) {
            UrgencyRule rule = rules.get(i);
            if (rule.matches(labels)) {
                String matchers = rule.matchers().stream().map(Matcher::toString).collect(Collectors.joining(", "));
                String comment = rule.comment() == null ? "" : " — " + rule.comment();
                return Optional.of(new Classification(rule.urgency(), verb(rule.urgency()) + ": urgency rule " + (i + 1)
                        + " of " + service + " (" + matchers + ")" + comment));
            }
        }
        return Optional.empty();
    }

    /** The SLO an alert is tied to (null when none), and if none, why not in a few words (may be empty). */
    private record Tie(Slo slo, String whyNot) {
    }

    private static Tie tie(ServiceProfile profile, String service, String named) {
        if (profile == null) {
            return new Tie(null, " (" + service + " has no service profile)");
        }
        if (named == null) {
            return profile.slos().size() == 1 ? new Tie(profile.slos().get(0), "") : new Tie(null, "");
        }
        return profile.slos().stream().filter(slo -> slo.name().equals(named)).findFirst()
                .map(slo -> new Tie(slo, ""))
                .orElseGet(() -> new Tie(null,
                        ": it names SLO \"" + named + "\", which " + service + " does not define"));
    }

    private static Optional<Classification> byBurnRate(String what, SloSignal signal) {
        Optional<BurnRateTable.Row> row = signal.window() == null
                ? Optional.empty() : BurnRateTable.row(signal.window());
        if (row.isPresent() && signal.burnRate() != null) {
            BurnRateTable.Row r = row.get();
            String burning = what + " burning " + number(signal.burnRate(), 1) + "× over " + signal.windowText();
            String threshold = number(r.threshold(), 0);
            return Optional.of(signal.burnRate() >= r.threshold()
                    ? new Classification(r.urgency(), verb(r.urgency()) + ": " + burning + " ≥ " + threshold)
                    : new Classification(Urgency.LOG, "logged: " + burning + " < " + threshold));
        }
        if (row.isPresent()) {
            // A burn-rate alert without its value fired at its window's threshold: take that row's urgency.
            BurnRateTable.Row r = row.get();
            return Optional.of(new Classification(r.urgency(), verb(r.urgency()) + ": " + what
                    + " burn-rate alert over " + signal.windowText() + " (threshold " + number(r.threshold(), 0)
                    + "×)"));
        }
        if ("page".equals(signal.slothTier())) {
            return Optional.of(new Classification(Urgency.PAGE, "paged: " + what
                    + " Sloth page alert (burning ≥ 14.4× over 1h or ≥ 6× over 6h)"));
        }
        if ("ticket".equals(signal.slothTier())) {
            return Optional.of(new Classification(Urgency.TICKET, "ticket: " + what
                    + " Sloth ticket alert (burning ≥ 3× over 1d or ≥ 1× over 3d)"));
        }
        return Optional.empty();
    }

    private static Classification bySeverity(String label, Tie tie, String service) {
        String severity = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        Classification byLabel = switch (severity) {
            case "" -> new Classification(Urgency.PAGE, "no severity label (treated as critical)");
            case "critical", "page", "error" -> new Classification(Urgency.PAGE, "severity " + severity);
            case "warning" -> new Classification(Urgency.TICKET, "severity " + severity);
            case "info", "none" -> new Classification(Urgency.LOG, "severity " + severity);
            default -> new Classification(Urgency.PAGE, "unknown severity " + label.trim() + " (treated as critical)");
        };
        if (byLabel.urgency() == Urgency.PAGE && tie.slo() == null) {
            return new Classification(Urgency.TICKET,
                    "ticket: " + byLabel.reason() + ", but tied to no SLO of " + service + tie.whyNot());
        }
        return new Classification(byLabel.urgency(), verb(byLabel.urgency()) + ": " + byLabel.reason());
    }

    private static String verb(Urgency urgency) {
        return switch (urgency) {
            case PAGE -> "paged";
            case TICKET -> "ticket";
            case LOG -> "logged";
        };
    }

    /** A number as people write it: 15.2, 14.39, 2.0, 6; at least {@code minDecimals} decimals, no float noise. */
    private static String number(double value, int minDecimals) {
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        return exact.scale() < minDecimals ? exact.setScale(minDecimals).toPlainString() : exact.toPlainString();
    }
}
