package dev.tocsin.events.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What a person or token may do in one team, each role including the ones below it: an admin
 * manages the team's members and tokens, a responder acts on its pages, a viewer reads.
 */
public enum TeamRole {
    @JsonProperty("viewer") VIEWER,
    @JsonProperty("responder") RESPONDER,
    @JsonProperty("admin") ADMIN;

    /** Whether holding this role allows what {@code needed} allows. */
    public boolean includes(TeamRole needed) {
        return compareTo(needed) >= 0;
    }

    /** The lower of two roles: what a token may do when its holder's membership allows less. */
    public TeamRole atMost(TeamRole other) {
        return includes(other) ? other : this;
    }

    /** The name the API and the events use: {@code admin}, {@code responder}, {@code viewer}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
