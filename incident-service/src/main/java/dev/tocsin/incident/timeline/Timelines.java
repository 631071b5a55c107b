package dev.tocsin.incident.timeline;

import dev.tocsin.incident.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads timelines. Alert events carry no page and deliveries carry no alert, so a page's timeline
 * is its own entries plus its alert's page-less ones, joined here at read time: events arrive on
 * different topics in any order and no entry has to wait for another to be written.
 */
@ApplicationScoped
public class Timelines {

    private static final String OF_PAGE = """
            select at, kind, text from timeline_entries
            where page_id = :pageId or (page_id is null and alert_id = :alertId)
            order by at desc, id desc""";
    private static final String OF_ALERT = """
            select at, kind, text from timeline_entries
            where alert_id = :alertId or page_id in (select page_id from pages where alert_id = :alertId)
            order by at desc, id desc""";

    /** A timeline shows its newest entries up to this many, oldest first; a page or alert rarely has 100. */
    public static final int MAX_ENTRIES = 1000;

    /** A recorded line of a timeline. */
    public record Line(Instant at, String kind, String text) {
    }

    /** The page's timeline, oldest first. Runs in the caller's session. */
    public Uni<List<Line>> ofPage(String pageId, String alertId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(OF_PAGE, Object[].class)
                        .setParameter("pageId", pageId)
                        .setParameter("alertId", alertId)
                        .setMaxResults(MAX_ENTRIES)
                        .getResultList())
                .map(Timelines::lines);
    }

    /** Everything recorded about an alert and each of its pages, oldest first. Runs in the caller's session. */
    public Uni<List<Line>> ofAlert(String alertId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(OF_ALERT, Object[].class)
                        .setParameter("alertId", alertId)
                        .setMaxResults(MAX_ENTRIES)
                        .getResultList())
                .map(Timelines::lines);
    }

    private static List<Line> lines(List<Object[]> rows) {
        // Read newest first to keep the newest MAX_ENTRIES; shown oldest first.
        List<Line> lines = new ArrayList<>(rows.stream()
                .map(row -> new Line(Timestamps.instant(row[0]), (String) row[1], (String) row[2])).toList());
        Collections.reverse(lines);
        return lines;
    }
}
