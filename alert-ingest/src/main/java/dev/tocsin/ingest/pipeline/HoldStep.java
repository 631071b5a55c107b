package dev.tocsin.ingest.pipeline;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.service.BusinessHours;
import dev.tocsin.ingest.service.ServiceProfile;
import java.time.Instant;

/**
 * Holds a {@code TICKET} that arrives outside its team's business hours until they begin: low
 * priority alerts are handled during business hours (SRE book ch. 11), not at 3 a.m. The hours are
 * the service profile's own; else those of the service's team (the directory's, in the team's
 * time zone); else the configured default.
 */
public final class HoldStep implements DecisionStep {

    private final BusinessHours defaults;
    private final boolean holdByDefault;

    /** @param defaults built once: an invalid default (start not before end) fails when the pipeline starts */
    HoldStep(BusinessHours defaults, boolean holdByDefault) {
        this.defaults = defaults;
        this.holdByDefault = holdByDefault;
    }

    @Override
    public boolean onRelease() {
        return true;
    }

    @Override
    public View view(DecisionInput input) {
        return (candidate, current) -> {
            if (current.classification().urgency() != Urgency.TICKET || current.disposition() != Disposition.PUBLISHED) {
                return current;
            }
            ServiceProfile profile = input.profiles().get(candidate.service());
            BusinessHours hours = profile != null && profile.businessHours() != null ? profile.businessHours()
                    : input.teamHours().get(candidate.service());
            if (hours == null && !holdByDefault) {
                return current;
            }
            if (hours == null) {
                hours = defaults;
            }
            if (hours.isOpen(candidate.at())) {
                return current;
            }
            Instant opens = hours.nextOpening(candidate.at());
            return current.held(opens, "held: a ticket waits for the business hours of " + candidate.service()
                    + " (" + hours.timeZone().getId() + "), which begin at " + opens);
        };
    }
}
