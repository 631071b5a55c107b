package dev.tocsin.incident.engine;

import dev.tocsin.eventing.Deadline;
import dev.tocsin.eventing.DeadlineModule;
import dev.tocsin.incident.incident.IncidentCommand;
import dev.tocsin.incident.incident.Incidents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Reminds the communications lead (the commander while nobody holds that role) through
 * notifier-service when the next stakeholder update the state document names is due and the
 * incident is still open: the SRE book's "next update" is a promise somebody keeps. The deadline is
 * armed by {@link Incidents} whenever the document's due time is set or moved, and cancelled when it
 * is cleared or the incident resolves; a due time moved after the reminder was armed is not the one
 * reminded of. One reminder per due time.
 */
@ApplicationScoped
public class UpdateReminders implements DeadlineModule {

    public static final String KIND = "incident.update-due";
    static final String RULE = "rule:update-reminder";

    private final Incidents incidents;

    UpdateReminders(Incidents incidents) {
        this.incidents = incidents;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        Instant due = Instant.parse(deadline.payload());
        return Uni.createFrom().item(() -> () -> incidents.execute(deadline.ref(),
                        new IncidentCommand.RemindUpdate(due, RULE))
                .replaceWith(Optional.<Instant>empty())
                .onFailure(Incidents.NoSuchIncident.class).recoverWithItem(Optional.empty()));
    }
}
