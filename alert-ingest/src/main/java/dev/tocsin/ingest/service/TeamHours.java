package dev.tocsin.ingest.service;

import dev.tocsin.events.EventJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The business hours of each service's team, from this service's projection of the directory
 * (a service's team on {@code ServiceSaved}, a team's zone and hours on {@code TeamSaved}): what a
 * ticket of a service whose profile names no hours of its own waits for.
 */
public final class TeamHours {

    private static final Logger LOG = Logger.getLogger(TeamHours.class);
    private static final String BY_SERVICES = """
            select s.service_id, t.time_zone, cast(t.business_hours as text)
              from directory_services s join directory_teams t on t.team_id = s.team
             where s.service_id = any(cast($1 as text[])) and t.business_hours is not null""";

    private TeamHours() {
    }

    /** Each of {@code serviceIds} whose team names business hours, with them; one statement. */
    public static Uni<Map<String, BusinessHours>> byServices(SqlClient c, Collection<String> serviceIds) {
        if (serviceIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery(BY_SERVICES).execute(Tuple.from(List.of((Object) serviceIds.toArray(String[]::new))))
                .map(rows -> {
                    Map<String, BusinessHours> hours = new HashMap<>();
                    rows.forEach(row -> {
                        try {
                            var team = EventJson.read(row.getString(2), dev.tocsin.events.directory.BusinessHours.class);
                            hours.put(row.getString(0), new BusinessHours(ZoneId.of(row.getString(1)),
                                    EnumSet.copyOf(team.days()), team.start(), team.end()));
                        } catch (RuntimeException e) {
                            // escalation-service validates them; hours it would refuse hold nothing.
                            LOG.warnf("team hours of service %s are unusable (%s); its tickets use the default",
                                    row.getString(0), e.getMessage());
                        }
                    });
                    return hours;
                });
    }
}
