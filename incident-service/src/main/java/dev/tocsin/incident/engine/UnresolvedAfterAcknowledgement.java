package dev.tocsin.incident.engine;

import dev.tocsin.eventing.Deadline;
import dev.tocsin.eventing.DeadlineModule;
import dev.tocsin.eventing.directory.DirectoryReferences;
import dev.tocsin.incident.IncidentConfig;
import dev.tocsin.incident.declare.DeclarationPages;
import dev.tocsin.incident.declare.RuleDeclarations;
import dev.tocsin.incident.incident.Incident;
import dev.tocsin.incident.incident.IncidentCommand;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The third declaration rule (SRE book ch. 14: the issue is unsolved after an hour of concentrated
 * analysis): a page still unresolved {@code tocsin.incident.declare.unresolved-after} (1 h) after it
 * was acknowledged, and in no incident, declares one for it, commanded by whoever acknowledged it
 * when that is a person the directory knows. {@link dev.tocsin.incident.declare.DeclarationRules} arms the deadline when a page
 * is acknowledged (again: moved) and cancels it when the page resolves.
 */
@ApplicationScoped
public class UnresolvedAfterAcknowledgement implements DeadlineModule {

    public static final String KIND = "incident.unresolved";
    static final String RULE = "rule:unresolved";

    private final RuleDeclarations declarations;
    private final DirectoryReferences directory;
    private final IncidentConfig config;
    private final DeclarationPages pages;

    UnresolvedAfterAcknowledgement(RuleDeclarations declarations, DirectoryReferences directory,
            IncidentConfig config, DeclarationPages pages) {
        this.pages = pages;
        this.declarations = declarations;
        this.directory = directory;
        this.config = config;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The deadline's payload: the page, its service, who acknowledged it. */
    public static String payload(String pageId, String service, String by) {
        return new JsonObject().put("pageId", pageId).put("service", service).put("by", by).encode();
    }

    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        JsonObject page = new JsonObject(deadline.payload());
        return Uni.createFrom().item(() -> declare(page.getString("pageId"), page.getString("service"),
                page.getString("by")));
    }

    private Outcome declare(String pageId, String service, String by) {
        return () -> pages.inAnIncident(pageId).chain(inOne -> {
            if (inOne || service == null) {
                return Uni.createFrom().item(Optional.<Instant>empty());
            }
            String id = UUID.nameUUIDFromBytes(("unresolved/" + pageId).getBytes(StandardCharsets.UTF_8)).toString();
            long minutes = config.declare().unresolvedAfter().toMinutes();
            return directory.unknownPeople(by == null ? List.of() : List.of(by)).chain(unknown -> {
                String commander = by == null || unknown.contains(by) ? null : by;
                String reason = "unresolved " + minutes + " minutes after "
                        + (by == null ? "it was acknowledged" : by + " acknowledged it");
                return declarations.declare(id, new IncidentCommand.Declare("Page for " + service
                        + " unresolved after " + minutes + " minutes", Incident.Severity.SEV3, List.of(service),
                        List.of(pageId), reason, commander, RULE));
            }).replaceWith(Optional.<Instant>empty());
        });
    }
}
