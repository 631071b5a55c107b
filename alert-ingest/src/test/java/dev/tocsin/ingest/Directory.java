package dev.tocsin.ingest;

import dev.tocsin.testing.DirectoryEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

/**
 * Services of the directory, as escalation-service publishes them, known to alert-ingest on return:
 * a profile, an integration key or a maintenance window names a service the directory knows.
 */
final class Directory {

    private Directory() {
    }

    static void services(String... ids) {
        new DirectoryEvents(Arc.container().instance(AgroalDataSource.class).get()).services(ids);
    }
}
