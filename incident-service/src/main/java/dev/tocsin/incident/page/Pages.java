package dev.tocsin.incident.page;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the {@code pages} table, in the enclosing transaction if there is one. */
@ApplicationScoped
public class Pages {

    private static final String COLUMNS = "select page_id, alert_id, service, status, opened_at from pages ";
    private static final String FIND = COLUMNS + "where page_id = $1";
    private static final String RECENT = COLUMNS + """
            where cast($1 as timestamptz) is null or (opened_at, page_id) < ($1, $2)
            order by opened_at desc, page_id desc limit $3""";
    private static final String ALL = COLUMNS + "where page_id = any(cast($1 as text[]))";
    private static final String OF_ALERT = COLUMNS + "where alert_id = $1 order by opened_at, page_id limit 1000";

    public Uni<Optional<PageSummary>> find(String pageId) {
        return Sql.client().preparedQuery(FIND).execute(Tuple.of(pageId))
                .map(rows -> summaries(rows).stream().findFirst());
    }

    /** The pages of these ids that are known here, in one statement; in no particular order. */
    public Uni<List<PageSummary>> findAll(List<String> pageIds) {
        return Sql.client().preparedQuery(ALL).execute(Tuple.of(pageIds.toArray(String[]::new)))
                .map(Pages::summaries);
    }

    /** Most recently opened first, after the cursor's (openedAt, pageId); {@link PageRequest#fetch()} at most. */
    public Uni<List<PageSummary>> recent(PageRequest page) {
        Optional<Cursor> after = page.after();
        return Sql.client().preparedQuery(RECENT)
                .execute(Tuple.of(after.map(c -> Sql.at(c.instant(0))).orElse(null),
                        after.map(c -> c.string(1)).orElse(null), page.fetch()))
                .map(Pages::summaries);
    }

    /** The key {@link #recent} pages by. */
    public static Cursor cursor(PageSummary page) {
        return Cursor.of(page.openedAt(), page.pageId());
    }

    /** The alert's pages, oldest first. */
    public Uni<List<PageSummary>> ofAlert(String alertId) {
        return Sql.client().preparedQuery(OF_ALERT).execute(Tuple.of(alertId)).map(Pages::summaries);
    }

    private static List<PageSummary> summaries(RowSet<Row> rows) {
        List<PageSummary> pages = new ArrayList<>(rows.size());
        rows.forEach(row -> pages.add(new PageSummary(row.getString(0), row.getString(1), row.getString(2),
                PageStatus.valueOf(row.getString(3)), Sql.instant(row, 4))));
        return pages;
    }
}
