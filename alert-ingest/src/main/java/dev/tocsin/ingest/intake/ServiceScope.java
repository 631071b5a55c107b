package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.ingest.key.IntegrationKey;
import java.util.List;

/**
 * An integration key speaks for its services only: an alert whose {@code service} label names
 * another is refused by that label, so one team's key can neither page nor resolve another team.
 */
public final class ServiceScope {

    private ServiceScope() {
    }

    /**
     * Adds an error at {@code at} when the alert names a service the key may not post for.
     *
     * @param service the alert's {@code service} label; null when it has none (it takes the key's)
     */
    public static void check(IntegrationKey key, String service, String at, List<FieldError> errors) {
        if (service != null && !key.speaksFor(service)) {
            errors.add(new FieldError(at, "this integration key may post only for the service"
                    + (key.services().size() == 1 ? " " : "s ") + String.join(", ", key.services())
                    + ", not for '" + service + "'"));
        }
    }

    /** The service an alert belongs to: its {@code service} label, else the key's own. */
    public static String of(IntegrationKey key, String service) {
        return service == null || service.isBlank() ? key.service() : service;
    }
}
