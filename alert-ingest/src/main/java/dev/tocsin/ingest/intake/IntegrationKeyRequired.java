package dev.tocsin.ingest.intake;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an intake resource: every request needs an active integration key in the
 * {@code Authorization} header and is held to the key's rate limit, both checked by
 * {@link IntegrationKeyFilter} before the body is read.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface IntegrationKeyRequired {

    /** The wire format the resource accepts, the {@code source} tag of what the filter refuses. */
    String value();

    /**
     * Whether the resource verifies a key's signature. A key bound to a signature check is refused
     * everywhere else, or its signature would be bypassed by posting to another endpoint.
     */
    boolean verifiesSignatures() default false;
}
