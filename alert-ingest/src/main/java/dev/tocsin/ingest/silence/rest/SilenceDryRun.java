package dev.tocsin.ingest.silence.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.ingest.alert.store.RowScan;
import dev.tocsin.ingest.alert.store.ScanBudget;
import dev.tocsin.ingest.silence.Labels;
import dev.tocsin.ingest.silence.Matcher;
import dev.tocsin.ingest.store.JsonColumns;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which open alerts a silence would mute, found without creating it: what
 * {@code POST /api/v1/silences?dryRun=true} answers. PostgreSQL selects the open alerts (and the
 * equality matchers that need a value); the matchers themselves are tried here, as the pipeline
 * tries them, on at most {@link ScanBudget#maxRows()} of those alerts, newest first, within the read's time.
 */
final class SilenceDryRun {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    /** One alert the silence would mute, as a responder recognises it. */
    public record MutedAlert(String id, String service, String summary, Map<String, String> labels,
            String disposition) {
    }

    /**
     * The answer of a dry run.
     *
     * @param state whether the silence would be {@code active} now or {@code pending} (then it mutes
     *        these alerts only if they still fire when it starts)
     * @param count how many open alerts its matchers select, among those scanned
     * @param complete false when more open alerts remained than one dry run scans, so count is a lower bound
     * @param alerts the newest of them, at most {@code tocsin.ingest.silences.dry-run-alerts}
     */
    public record Result(boolean dryRun, String state, int count, boolean complete, List<MutedAlert> alerts) {
    }

    private SilenceDryRun() {
    }

    static Uni<Result> run(SqlConnection connection, List<Matcher> matchers, String state, ScanBudget budget,
            int maxListed) {
        int maxScanned = budget.maxRows();
        StringBuilder sql = new StringBuilder(
                "select id, service, summary, disposition, cast(labels as text) labels from alerts where status = 'OPEN'");
        List<Object> params = new ArrayList<>();
        for (Matcher m : matchers) {
            if (m.op() == Matcher.Op.EQ && !m.value().isEmpty()) {
                // A matcher on service sees the alert's service when its labels carry none (Labels.withService).
                if ("service".equals(m.name())) {
                    sql.append(" and coalesce(labels ->> 'service', service) = $").append(params.size() + 1);
                } else {
                    params.add(m.name());
                    sql.append(" and labels ->> $").append(params.size()).append(" = $").append(params.size() + 1);
                }
                params.add(m.value());
            }
        }
        // One row more than it scans tells whether more remained.
        sql.append(" order by first_seen desc, id desc limit ").append((long) maxScanned + 1);
        Tally tally = new Tally();
        return RowScan.scan(connection, sql.toString(), Tuple.from(params), budget, row -> {
            if (++tally.scanned > maxScanned) {
                tally.complete = false;
                return false;
            }
            Map<String, String> labels = JsonColumns.read(row, "labels", STRINGS);
            Map<String, String> own = labels == null ? Map.of() : labels;
            Map<String, String> seen = Labels.withService(own, row.getString("service"));
            if (matchers.stream().allMatch(m -> m.matches(seen))) {
                tally.count++;
                if (tally.listed.size() < maxListed) {
                    tally.listed.add(new MutedAlert(row.getString("id"), row.getString("service"),
                            row.getString("summary"), own, row.getString("disposition")));
                }
            }
            return true;
        }).map(done -> new Result(true, state, tally.count, tally.complete, tally.listed));
    }

    /** What a scan has seen so far; only the scan's one visitor at a time touches it. */
    private static final class Tally {
        final List<MutedAlert> listed = new ArrayList<>();
        int scanned;
        int count;
        boolean complete = true;
    }
}
