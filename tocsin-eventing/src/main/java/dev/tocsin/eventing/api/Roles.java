package dev.tocsin.eventing.api;

/**
 * The roles an API credential can hold, named where each endpoint declares who may call it
 * ({@code @RolesAllowed(Roles.VIEWER)}). An endpoint that declares nothing is closed.
 * Admin can do everything a responder can, and a responder everything a viewer can. Admin is held
 * only by the bootstrap admin token; a team admin's token holds {@link #TEAM_ADMIN} instead.
 */
public final class Roles {

    /** Reads: alerts, pages, timelines, configuration (not contact addresses or provider errors). */
    public static final String VIEWER = "viewer";
    /** Acts on pages: acknowledge, resolve. */
    public static final String RESPONDER = "responder";
    /** Changes configuration and sees everything, contact addresses and provider errors included. */
    public static final String ADMIN = "admin";
    /**
     * Held by a directory token that is admin of at least one team: it may manage those teams'
     * members and tokens ({@link TeamAccess} checks which teams), but not the deployment-wide
     * configuration that {@link #ADMIN} changes.
     */
    public static final String TEAM_ADMIN = "team-admin";

    private Roles() {
    }
}
