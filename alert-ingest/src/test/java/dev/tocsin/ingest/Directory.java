package dev.tocsin.ingest;

import dev.tocsin.events.directory.DirectoryEvent;
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
        events().services(ids);
    }

    /** Any directory events (a team with its hours, a service of that team), applied on return. */
    static void publish(DirectoryEvent... events) {
        events().publish(events);
    }

    private static DirectoryEvents events() {
        return new DirectoryEvents(Arc.container().instance(AgroalDataSource.class).get());
    }
}
