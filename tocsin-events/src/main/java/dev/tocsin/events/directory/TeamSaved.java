package dev.tocsin.events.directory;

import java.time.Instant;

/**
 * A team was created or changed; the event carries the whole team.
 *
 * @param timeZone IANA zone id its business hours are in, e.g. {@code Europe/Berlin}
 * @param businessHours may be null: the team names none
 * @param savedBy the actor who saved it, e.g. {@code person:alice} or {@code bootstrap:admin}
 */
public record TeamSaved(String teamId, String name, String timeZone, BusinessHours businessHours, String savedBy,
        Instant savedAt) implements DirectoryEvent {

    @Override
    public String aggregateId() {
        return DirectoryEvent.teamKey(teamId);
    }
}
