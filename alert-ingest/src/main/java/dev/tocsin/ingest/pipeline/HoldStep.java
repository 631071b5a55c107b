package dev.tocsin.ingest.pipeline;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.service.BusinessHours;
import dev.tocsin.ingest.service.BusinessHoursConfig;
import dev.tocsin.ingest.service.ServiceProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Instant;

/**
 * Holds a {@code TICKET} that arrives outside its team's business hours until they begin: low
 * priority alerts are handled during business hours (SRE book ch. 11), not at 3 a.m. The hours are
 * the service profile's, in the team's time zone, or the configured default.
 */
@ApplicationScoped
public class HoldStep implements DecisionStep {

    /** Built once: an invalid default (start not before end) fails when the pipeline starts. */
    private final BusinessHours defaults;
    private final boolean holdByDefault;

    HoldStep(BusinessHoursConfig defaults, DecisionConfig config) {
        this.defaults = defaults.defaults();
        this.holdByDefault = config.defaultBusinessHours();
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public boolean onRelease() {
        return true;
    }

    @Override
    public View prepare(Connection connection, SignalBatch batch) {
        return (candidate, current) -> {
            if (current.classification().urgency() != Urgency.TICKET || current.disposition() != Disposition.PUBLISHED) {
                return current;
            }
            ServiceProfile profile = batch.profiles().get(candidate.service());
            boolean own = profile != null && profile.businessHours() != null;
            if (!own && !holdByDefault) {
                return current;
            }
            BusinessHours hours = own ? profile.businessHours() : defaults;
            if (hours.isOpen(candidate.at())) {
                return current;
            }
            Instant opens = hours.nextOpening(candidate.at());
            return current.held(opens, "held: a ticket waits for the business hours of " + candidate.service()
                    + " (" + hours.timeZone().getId() + "), which begin at " + opens);
        };
    }
}
