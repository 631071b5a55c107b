package dev.tocsin.ingest.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.eventing.Deadline;
import dev.tocsin.events.EventJson;

/**
 * The kinds of deadline that release held-back alerts. Each names its metric
 * ({@code tocsin.engine.fire{module=…}}); its payload carries the record key the release must
 * travel under on {@code tocsin.alert-signals}, so it is decided in order with the alert's signals.
 */
public final class Releases {

    /** A ticket held for business hours: ref is the alert id. */
    public static final String TICKET = "ingest.ticket-release";
    /** A storm group's group wait: ref is the group id. */
    public static final String GROUP = "ingest.group-release";
    /** A silence or maintenance window ended: ref is {@code silence:<id>} or {@code maintenance:<id>}. */
    public static final String SUPPRESSION_ENDED = dev.tocsin.ingest.silence.SuppressionRules.DEADLINE_KIND;

    private Releases() {
    }

    public static String payload(String key) {
        return EventJson.write(java.util.Map.of("key", key));
    }

    public static String key(Deadline deadline) {
        JsonNode key = EventJson.read(deadline.payload(), JsonNode.class).get("key");
        if (key == null) {
            throw new IllegalStateException(deadline.kind() + " " + deadline.ref() + " has no key in its payload");
        }
        return key.asText();
    }
}
