package dev.tocsin.eventing.api;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The person a request acts as, from its token and the {@code by} it may name: a person's own
 * token acts as that person ({@code by} may be left out, and naming anyone else is 403); a tool's
 * token acts as the tool, or for the person it names in {@code by} (a chat bot acting for whoever
 * pressed its button), recorded as via the tool; a deployment (bootstrap) token names nobody, so
 * {@code by} is required.
 *
 * @param person who acts: a person id, or the tool's reference when a tool names nobody
 * @param via the tool's reference when a tool's token acts; null for a person's or a deployment token
 */
public record ActingPerson(String person, String via) {

    /** @param does what the actor does, for the 400: "acknowledges the page" */
    public static ActingPerson of(SecurityIdentity identity, String by, String does) {
        Actor caller = Actor.of(identity);
        String named = by == null || by.isBlank() ? null : by.strip();
        return switch (caller.kind()) {
            case PERSON -> {
                if (named != null && !named.equals(caller.id())) {
                    throw new ProblemException(403, "Forbidden", "this token is " + caller.id()
                            + "'s and acts as them only, not as '" + named + "'");
                }
                yield new ActingPerson(caller.id(), null);
            }
            case TOOL -> new ActingPerson(named != null ? named : caller.reference(), caller.reference());
            case BOOTSTRAP -> {
                if (named == null) {
                    throw ProblemException.badRequest("by", "must name who " + does
                            + ": a deployment token names nobody");
                }
                yield new ActingPerson(named, null);
            }
        };
    }
}
