package dev.tocsin.incident.incident;

import java.time.Instant;
import java.util.List;

/**
 * The live incident state document of the SRE book's template, apart from what the incident holds
 * itself (status, severity, roles): what is known, where people meet, when the next update is due,
 * and what has to be true before the incident ends.
 *
 * @param commandPost where responders meet: a chat channel or call link
 * @param nextUpdateDue when the communications lead owes stakeholders the next update; null: none set
 */
public record StateDocument(String summary, String commandPost, Instant nextUpdateDue, String detailedStatus,
        String exitCriteria, List<String> todos) {

    public StateDocument {
        todos = todos == null ? List.of() : List.copyOf(todos);
    }

    public static StateDocument startingWith(String summary) {
        return new StateDocument(summary, null, null, null, null, List.of());
    }
}
