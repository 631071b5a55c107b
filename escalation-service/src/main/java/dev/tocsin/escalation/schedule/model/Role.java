package dev.tocsin.escalation.schedule.model;

/** What a schedule answers: who is paged first, and who when the primary misses the deadline. */
public enum Role {
    PRIMARY,
    SECONDARY
}
