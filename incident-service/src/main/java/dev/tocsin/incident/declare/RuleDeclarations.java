package dev.tocsin.incident.declare;

import dev.tocsin.incident.incident.IncidentCommand;
import dev.tocsin.incident.incident.Incidents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How a rule declares an incident for pages: once per id, telling everyone the pages notified
 * (they are working on it already, and learn that it is an incident now and who commands it),
 * and marking the pages as gone to it so no other rule counts them again. Runs in the caller's
 * transaction.
 */
@ApplicationScoped
public class RuleDeclarations {

    private final Incidents incidents;
    private final DeclarationPages pages;

    RuleDeclarations(Incidents incidents, DeclarationPages pages) {
        this.incidents = incidents;
        this.pages = pages;
    }

    public Uni<Void> declare(String id, IncidentCommand.Declare declare) {
        return pages.pagedBy(declare.pageIds())
                .chain(paged -> incidents.declareOnce(id, declare.telling(paged)))
                .chain(() -> pages.wentTo(id, declare.pageIds()));
    }
}
