package dev.tocsin.testing.api;

/**
 * The API tokens of the services' {@code test} profile, as {@code Authorization} header values.
 * Every {@code /api/v1} call of a test sends one, reads included.
 */
public final class TestTokens {

    /** Holds every role: admin, responder, viewer. */
    public static final String ADMIN = "Bearer test-admin-token";
    /** Acknowledges pages and reads; changes no configuration. */
    public static final String RESPONDER = "Bearer test-responder-token";
    /** Reads everything but contact addresses and provider errors. */
    public static final String VIEWER = "Bearer test-viewer-token";

    private TestTokens() {
    }
}
