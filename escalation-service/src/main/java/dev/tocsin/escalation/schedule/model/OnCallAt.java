package dev.tocsin.escalation.schedule.model;

import java.time.Instant;
import java.util.Optional;

/** Who holds each role at {@code instant}, with the whole shift they are in; empty where nobody does. */
public record OnCallAt(Instant instant, Optional<Shift> primary, Optional<Shift> secondary) {

    public Optional<String> primaryPerson() {
        return primary.map(Shift::person);
    }

    public Optional<String> secondaryPerson() {
        return secondary.map(Shift::person);
    }
}
