package dev.tocsin.escalation.configuration;

import dev.tocsin.escalation.team.TeamRequest;
import dev.tocsin.escalation.team.TeamView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.TreeMap;

/**
 * A team as the configuration document holds it: the body of {@code POST /api/v1/teams} with its
 * members and their roles ({@code {alice: responder}}).
 */
public record TeamItem(@Size(max = 63) String id, @Size(max = 200) String name, @Size(max = 64) String timeZone,
        @Valid TeamRequest.Hours businessHours, @Size(max = 63) String defaultPolicy,
        @Size(max = 63) String fallbackContact, @Size(max = 1000) Map<String, String> members) {

    public TeamRequest request(String policy) {
        return new TeamRequest(id, name, timeZone, businessHours, policy, fallbackContact);
    }

    public Map<String, String> membersOrNone() {
        return members == null ? Map.of() : members;
    }

    /** The running team in the document's shape. */
    static TeamItem of(TeamView team) {
        Map<String, String> members = new TreeMap<>();
        team.members().forEach(m -> members.put(m.personId(), m.role()));
        TeamRequest.Hours hours = team.businessHours() == null ? null : new TeamRequest.Hours(
                team.businessHours().days().stream().map(Enum::name).toList(),
                team.businessHours().start().toString(), team.businessHours().end().toString());
        return new TeamItem(team.id(), team.name(), team.timeZone(), hours, team.defaultPolicy(),
                team.fallbackContact(), members.isEmpty() ? null : members);
    }
}
