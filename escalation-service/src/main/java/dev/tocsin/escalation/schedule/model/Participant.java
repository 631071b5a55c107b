package dev.tocsin.escalation.schedule.model;

import java.time.ZoneId;
import java.util.Objects;

/** A person who can be on call, with the zone they live in, which decides what their night is. */
public record Participant(String id, ZoneId zone) {

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zone, "zone");
    }

    public static Participant of(String id, String zone) {
        return new Participant(id, ZoneId.of(zone));
    }
}
