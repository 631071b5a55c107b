package dev.tocsin.ingest.release;

import dev.tocsin.eventing.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

/** Releases a ticket held for business hours when they begin. */
@ApplicationScoped
public class TicketRelease extends ReleaseModule {

    TicketRelease(Outbox outbox) {
        super(outbox, "business hours began");
    }

    @Override
    public String kind() {
        return Releases.TICKET;
    }
}
