package dev.tocsin.eventing.api;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Locale;

/**
 * Who makes the current request, as the API token presented says: a person or a tool with a
 * token of their own, or one of the deployment's bootstrap tokens. What a change records as its
 * author ({@code createdBy}, later {@code acknowledgedBy}) comes from here, not from free text in
 * the body, so nobody can sign as someone else.
 */
public record Actor(Kind kind, String id) {

    /** The identity attribute a token's actor is kept under. */
    public static final String ATTRIBUTE = "tocsin.actor";

    public enum Kind {
        PERSON, TOOL, BOOTSTRAP
    }

    /** The actor of {@code identity}; a credential that names none is a bootstrap token. */
    public static Actor of(SecurityIdentity identity) {
        Actor actor = identity.getAttribute(ATTRIBUTE);
        if (actor != null) {
            return actor;
        }
        return new Actor(Kind.BOOTSTRAP, identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName());
    }

    /** How events and rows name the actor: {@code person:alice}, {@code tool:deploy-bot}, {@code bootstrap:admin}. */
    public String reference() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + id;
    }

    /** Whether this is the person {@code personId}. */
    public boolean isPerson(String personId) {
        return kind == Kind.PERSON && id.equals(personId);
    }
}
