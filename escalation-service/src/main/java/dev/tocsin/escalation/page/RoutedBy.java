package dev.tocsin.escalation.page;

/**
 * Which link of the routing chain gave a page its policy (docs/design.md, "A page always reaches
 * someone"), kept on the page so its timeline says why these people were paged.
 */
public enum RoutedBy {
    /** The service's own escalation policy. */
    SERVICE("the service's own escalation policy"),
    /** The service names none (or one that is gone): its team's default policy. */
    TEAM_DEFAULT("its team's default policy: the service names no policy that exists"),
    /** Neither the service nor its team route it (or no service of that name is configured). */
    FALLBACK("the system-wide fallback policy: neither the service nor its team name a policy that exists");

    private final String explanation;

    RoutedBy(String explanation) {
        this.explanation = explanation;
    }

    /** In words a responder reads: "routed by …". */
    public String explanation() {
        return explanation;
    }
}
