package dev.tocsin.events.directory;

import java.time.Instant;

/**
 * A person of the directory was created or changed; the event carries the whole person, so other
 * services can check a reference to them (a contact method, a notification rule) locally.
 *
 * @param timeZone IANA zone id, e.g. {@code Europe/Berlin}
 * @param locale BCP 47 language tag, or null: escalation-service's users have none yet
 * @param savedBy the actor who saved it, e.g. {@code bootstrap:admin}
 */
public record PersonSaved(String personId, String name, String timeZone, String locale, String savedBy,
        Instant savedAt) implements DirectoryEvent {

    @Override
    public String aggregateId() {
        return DirectoryEvent.personKey(personId);
    }
}
