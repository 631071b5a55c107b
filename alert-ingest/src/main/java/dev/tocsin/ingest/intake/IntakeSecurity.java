package dev.tocsin.ingest.intake;

/**
 * How monitoring systems authenticate, as the OpenAPI document names it: an integration key as a
 * bearer token, or as the password of basic auth (what Prometheus' {@code basic_auth} sends). The
 * schemes are declared in {@code META-INF/openapi.yaml}. The intake endpoints are
 * {@code @PermitAll} for the API token check; {@link IntegrationKeyFilter} checks the key.
 * PagerDuty's endpoints take the key as {@code routing_key} in the body instead.
 */
public final class IntakeSecurity {

    public static final String BEARER = "integrationKey";
    public static final String BASIC = "integrationKeyBasic";

    private IntakeSecurity() {
    }
}
