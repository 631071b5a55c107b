package dev.tocsin.escalation.configuration;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code configuration_versions} table: each applied document, numbered in the order applied. */
@Singleton
public class ConfigurationVersions {

    private static final String INSERT = """
            insert into configuration_versions (document, applied_by, applied_at) values ($1, $2, $3)
            returning version""";
    private static final String LIST = """
            select version, applied_by, applied_at, length(document) as size from configuration_versions
            where cast($1 as bigint) is null or version < $1 order by version desc limit $2""";
    private static final String GET = "select document from configuration_versions where version = $1";

    /** One version as listed: its number, who applied it, when, and the document's length in characters. */
    public record Version(long version, String appliedBy, Instant appliedAt, int characters) {
    }

    public Uni<Version> add(String document, String by, Instant at) {
        return Sql.client().preparedQuery(INSERT).execute(Tuple.of(document, by, Sql.at(at)))
                .map(rows -> new Version(rows.iterator().next().getLong(0), by, at, document.length()));
    }

    /** Newest first, before the cursor's version. */
    public Uni<List<Version>> list(PageRequest page) {
        Long before = page.after().map(c -> c.number(0)).orElse(null);
        return Sql.client().preparedQuery(LIST).execute(Tuple.of(before, page.fetch())).map(rows -> {
            List<Version> versions = new ArrayList<>(rows.size());
            for (Row row : rows) {
                versions.add(new Version(row.getLong("version"), row.getString("applied_by"),
                        Sql.instant(row, "applied_at"), row.getInteger("size")));
            }
            return versions;
        });
    }

    public Uni<Optional<String>> document(long version) {
        return Sql.client().preparedQuery(GET).execute(Tuple.of(version))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }
}
