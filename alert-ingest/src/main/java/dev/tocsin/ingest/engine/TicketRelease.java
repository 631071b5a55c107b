package dev.tocsin.ingest.engine;

import dev.tocsin.eventing.Outbox;
import dev.tocsin.ingest.release.Releases;
import jakarta.inject.Singleton;

/** Releases a ticket held for business hours when they begin. */
@Singleton
public class TicketRelease extends ReleaseModule {

    TicketRelease(Outbox outbox) {
        super(outbox, "business hours began");
    }

    @Override
    public String kind() {
        return Releases.TICKET;
    }
}
