package dev.tocsin.ingest.intake;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an intake resource: every request needs an active integration key, checked by
 * {@link IntegrationKeyFilter} before the body is read.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface IntegrationKeyRequired {
}
