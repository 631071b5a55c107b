package dev.tocsin.ingest.intake;

import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * How monitoring systems authenticate, as the OpenAPI document declares it: an integration key as a
 * bearer token, or as the password of basic auth (what Prometheus' {@code basic_auth} sends). The
 * intake endpoints are {@code @PermitAll} for the API token check; {@link IntegrationKeyFilter}
 * checks the key. PagerDuty's endpoints take the key as {@code routing_key} in the body instead.
 */
@SecurityScheme(securitySchemeName = IntakeSecurity.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An integration key of alert-ingest as 'Authorization: Bearer <key>'")
@SecurityScheme(securitySchemeName = IntakeSecurity.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "An integration key of alert-ingest as the password of basic auth (any user name)")
public final class IntakeSecurity {

    public static final String BEARER = "integrationKey";
    public static final String BASIC = "integrationKeyBasic";

    private IntakeSecurity() {
    }
}
