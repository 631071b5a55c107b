package dev.tocsin.ingest.pipeline;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.signal.AlertSignalReceived;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * The default urgency from the {@code severity} label: critical, page and error (or none at all,
 * which most alerting rules that page leave out) page; warning becomes a ticket; info is logged.
 */
@ApplicationScoped
public class SeverityClassifier implements Classifier {

    @Override
    public Classification classify(AlertSignalReceived signal) {
        String severity = signal.severity() == null ? "" : signal.severity().toLowerCase(Locale.ROOT);
        return switch (severity) {
            case "critical", "page", "error" -> new Classification(Urgency.PAGE, "paged: severity " + severity);
            case "" -> new Classification(Urgency.PAGE, "paged: no severity label (treated as critical)");
            case "warning", "ticket" -> new Classification(Urgency.TICKET, "ticket: severity " + severity);
            default -> new Classification(Urgency.LOG, "logged: severity " + severity);
        };
    }
}
