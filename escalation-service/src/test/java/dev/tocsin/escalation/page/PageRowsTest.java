package dev.tocsin.escalation.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.tocsin.escalation.page.store.PageRows;

/** Given a page's events, the row a rebuild writes is the one the live projection kept. */
class PageRowsTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final PageRows ROWS = new PageRows();

    private static PageRows.Row fold(PageChange... events) {
        PageRows.Row row = null;
        for (PageChange event : events) {
            row = ROWS.apply(row, event);
        }
        return row;
    }

    @Test
    void everyStepAppendsWhoItNotifiedAndTheLastEventDatesTheRow() {
        PageRows.Row row = fold(
                new PageChange.Opened("p", "a", "checkout", "policy", "down", "critical", Map.of(), List.of("alice"), null, T),
                new PageChange.Escalated(2, 1, List.of("bob"), null, "deadline", T.plusSeconds(300)),
                new PageChange.Acknowledged("bob", "api", T.plusSeconds(360)));

        assertEquals(Page.Status.ACKNOWLEDGED, row.page().status());
        assertEquals(2, row.page().step());
        assertEquals(List.of(Map.of("step", 1, "round", 1, "users", List.of("alice")),
                Map.of("step", 2, "round", 1, "users", List.of("bob"))), row.notified());
        assertEquals(T, row.openedAt());
        assertEquals(T.plusSeconds(360), row.updatedAt());
        assertNull(row.reason());
    }

    @Test
    void anUnroutablePageKeepsItsReasonAndNotifiedNobody() {
        PageRows.Row row = fold(new PageChange.Unrouted("p", "a", "nowhere", "no service 'nowhere' is configured", T));

        assertEquals(Page.Status.UNROUTED, row.page().status());
        assertEquals("no service 'nowhere' is configured", row.reason());
        assertEquals(List.of(), row.notified());
        assertEquals(T, row.updatedAt());
    }
}
