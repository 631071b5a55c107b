package dev.tocsin.eventing.api;

/**
 * The roles an API credential can hold, named where each endpoint declares who may call it
 * ({@code @RolesAllowed(Roles.VIEWER)}). An endpoint that declares nothing is closed.
 * Admin can do everything a responder can, and a responder everything a viewer can.
 */
public final class Roles {

    /** Reads: alerts, pages, timelines, configuration (not contact addresses or provider errors). */
    public static final String VIEWER = "viewer";
    /** Acts on pages: acknowledge, resolve. */
    public static final String RESPONDER = "responder";
    /** Changes configuration and sees everything, contact addresses and provider errors included. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
