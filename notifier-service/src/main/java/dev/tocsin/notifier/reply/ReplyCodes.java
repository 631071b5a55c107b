package dev.tocsin.notifier.reply;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * The code a person replies with to act on one page ({@code 12a}): per person, 1 to 99, the same
 * for every message about the same page, the oldest reused once all 99 are taken. Issued in a
 * transaction of its own just before the message goes out, holding the person's advisory lock so
 * two messages to one person at once get two codes.
 */
@ApplicationScoped
public class ReplyCodes {

    public static final int MAX = 99;

    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('reply-code:' || $1))";
    private static final String OF_PAGE = "select code from reply_codes where user_id = $1 and page_id = $2";
    private static final String FREE = """
            select c from generate_series(1, 99) c
            where c not in (select code from reply_codes where user_id = $1) order by c limit 1""";
    private static final String OLDEST = """
            delete from reply_codes where user_id = $1
            and code = (select code from reply_codes where user_id = $1 order by issued_at, code limit 1)
            returning code""";
    private static final String INSERT = """
            insert into reply_codes (user_id, code, page_id, alert_id, issued_at) values ($1, $2, $3, $4, $5)""";
    private static final String PAGE = "select page_id, alert_id from reply_codes where user_id = $1 and code = $2";

    /** The page a person's code stands for. */
    public record CodedPage(String pageId, String alertId) {
    }

    private final Clock clock;

    ReplyCodes(Clock clock) {
        this.clock = clock;
    }

    /** The person's code for the page, issued now if the page has none yet. */
    public Uni<Integer> issue(String userId, String pageId, String alertId) {
        return AfterCommit.transaction(() -> Sql.connection().preparedQuery(LOCK).execute(Tuple.of(userId))
                .chain(() -> Sql.connection().preparedQuery(OF_PAGE).execute(Tuple.of(userId, pageId)))
                .chain(existing -> existing.size() > 0 ? Uni.createFrom().item(first(existing))
                        : Sql.connection().preparedQuery(FREE).execute(Tuple.of(userId))
                                .chain(free -> free.size() > 0 ? Uni.createFrom().item(first(free))
                                        : Sql.connection().preparedQuery(OLDEST).execute(Tuple.of(userId))
                                                .map(ReplyCodes::first))
                                .call(code -> Sql.connection().preparedQuery(INSERT).execute(Tuple.of(userId, code,
                                        pageId, alertId, Sql.at(clock.instant()))))));
    }

    /** The page the person's code stands for, if it stands for one. */
    public Uni<Optional<CodedPage>> page(String userId, int code) {
        return Sql.client().preparedQuery(PAGE).execute(Tuple.of(userId, code)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new CodedPage(row.getString(0), row.getString(1)));
        });
    }

    private static int first(RowSet<Row> rows) {
        return rows.iterator().next().getInteger(0);
    }
}
