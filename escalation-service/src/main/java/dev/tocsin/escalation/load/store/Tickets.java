package dev.tocsin.escalation.load.store;

import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The {@code load_tickets} table: each {@code TICKET} alert and the people it was for when it triggered. */
@ApplicationScoped
public class Tickets {

    /** A ticket for {@code people}: whom its service's policy's first step named at {@code at}. */
    public record Ticket(String alertId, String service, List<String> people, Instant at) {
    }

    // The people travel as one text per ticket (ids joined by a newline, which no id holds): unnest
    // cannot take an array of arrays of different lengths.
    private static final String INSERT = """
            insert into load_tickets (alert_id, service, people, at)
            select t.alert_id, t.service, case when t.people = '' then '{}' else string_to_array(t.people, E'\\n') end,
                t.at
            from unnest(cast($1 as text[]), cast($2 as text[]), cast($3 as text[]), cast($4 as timestamptz[]))
                as t(alert_id, service, people, at)
            on conflict do nothing""";

    /** Records the tickets, each once; in the caller's transaction. */
    public Uni<Void> add(List<Ticket> tickets) {
        if (tickets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.connection().preparedQuery(INSERT).execute(Tuple.of(Sql.texts(tickets, Ticket::alertId),
                Sql.texts(tickets, Ticket::service), Sql.texts(tickets, t -> String.join("\n", t.people())),
                Sql.times(tickets, Ticket::at))).replaceWithVoid();
    }
}
