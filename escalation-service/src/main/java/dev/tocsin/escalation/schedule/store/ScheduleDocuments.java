package dev.tocsin.escalation.schedule.store;

import dev.tocsin.escalation.schedule.ScheduleDocument;
import dev.tocsin.escalation.store.DocumentStore;
import dev.tocsin.escalation.store.DocumentTable;
import dev.tocsin.escalation.store.JsonDocuments;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The {@code schedules} table: schedule documents as they were put, referred to by policies'
 * steps. {@link Schedules} reads them, with their overrides and swaps, as the model.
 */
@Singleton
public class ScheduleDocuments extends DocumentStore<ScheduleDocument> {

    static final DocumentTable<ScheduleDocument> TABLE = new DocumentTable<>(ScheduleDocument.class, """
            insert into schedules (id, body, updated_at) values ($1, cast(cast($2 as text) as jsonb), $3)
            on conflict (id) do update set body = excluded.body, updated_at = excluded.updated_at
            returning xmax = 0""",
            "select id, cast(body as text) from schedules where id = any(cast($1 as text[]))",
            "select id from schedules where id = any(cast($1 as text[]))",
            "select cast(body as text) from schedules where cast($1 as text) is null or id > $1 order by id limit $2",
            "delete from schedules where id = $1");

    /** Policies with a step that names the schedule (its primary or secondary). */
    private static final String IN_POLICIES = """
            select id from escalation_policies
            where jsonb_path_exists(body,
                '$.steps[*].targets[*] ? ((@.type == "SCHEDULE_PRIMARY" || @.type == "SCHEDULE_SECONDARY") && @.id == $id)',
                jsonb_build_object('id', cast($1 as text)))
            order by id limit 20""";

    private static final String IDS = "select id from schedules order by id";

    ScheduleDocuments(JsonDocuments documents) {
        super(documents, TABLE);
    }

    /** Every schedule's id, in order. */
    public Uni<List<String>> ids() {
        return documents.ids(IDS, Tuple.tuple());
    }

    /** What still names the schedule, in the API's words; empty when nothing does. */
    public Uni<List<String>> referencedBy(String id) {
        return documents.ids(IN_POLICIES, id).map(policies -> policies.stream().map(p -> "escalation policy " + p)
                .toList());
    }
}
