package dev.tocsin.escalation.page;

import dev.tocsin.eventing.Deadlines;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * Acknowledges a page, however the acknowledgement arrived (a command on
 * {@code tocsin.page-commands} or the REST API), so both take one path: record the decision of
 * {@link Page#acknowledge} and cancel the step deadline, in the caller's transaction.
 */
@ApplicationScoped
public class Acknowledgements {

    /**
     * What came of an acknowledgement.
     *
     * @param page the page as it was before, null when there is no such page
     * @param acknowledged false when the page was not open, so nothing changed
     */
    public record Result(Page page, boolean acknowledged) {
    }

    private final Pages pages;
    private final Deadlines deadlines;
    private final Clock clock;

    Acknowledgements(Pages pages, Deadlines deadlines, Clock clock) {
        this.pages = pages;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** Must run inside {@link dev.tocsin.eventing.AfterCommit#transaction} (see {@link Pages}). */
    public Uni<Result> acknowledge(String pageId, String by, String via) {
        return pages.load(pageId).chain(found -> {
            Page page = found.orElse(null);
            // Tocsin's clock, like every page event: escalation stops when Tocsin learns of the
            // acknowledgement, and a sender's clock may be skewed against the page's opening.
            List<PageChange> events = Page.acknowledge(page, by, via, clock.instant());
            if (events.isEmpty()) {
                return Uni.createFrom().item(new Result(page, false));
            }
            // The deadline would find the page acknowledged and do nothing; deleting it keeps the
            // deadline table to what is still due.
            return pages.record(page, pageId, events)
                    .chain(() -> deadlines.cancel(AlertConsumer.DEADLINE, pageId))
                    .replaceWith(new Result(page, true));
        });
    }
}
