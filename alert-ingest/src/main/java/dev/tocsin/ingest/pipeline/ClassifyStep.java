package dev.tocsin.ingest.pipeline;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.alert.Classification;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Decides how urgent a new alert is from its {@code severity} label: critical, page and error page
 * someone now; warning becomes a ticket for business hours; info and none are only logged. A missing
 * or unknown severity pages, because a missed page costs more than an extra one. Repeats and
 * resolutions keep the urgency their alert opened with, so they are not classified.
 */
@ApplicationScoped
public class ClassifyStep implements PipelineStep {

    @Override
    public int order() {
        return 300;
    }

    @Override
    public Uni<SignalContext> apply(SignalContext context) {
        return Uni.createFrom().item(context.opensAlert()
                ? context.withClassification(bySeverity(context.signal().severity()))
                : context);
    }

    static Classification bySeverity(String label) {
        if (label == null || label.isBlank()) {
            return new Classification(Urgency.PAGE, "paged: no severity label (treated as critical)");
        }
        String severity = label.trim().toLowerCase(Locale.ROOT);
        return switch (severity) {
            case "critical", "page", "error" -> new Classification(Urgency.PAGE, "paged: severity " + severity);
            case "warning" -> new Classification(Urgency.TICKET, "ticket: severity " + severity);
            case "info", "none" -> new Classification(Urgency.LOG, "logged: severity " + severity);
            default -> new Classification(Urgency.PAGE, "paged: unknown severity " + label + " (treated as critical)");
        };
    }
}
