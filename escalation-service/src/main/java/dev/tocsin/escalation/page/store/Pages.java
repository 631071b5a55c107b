package dev.tocsin.escalation.page.store;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.LatencyHistograms;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageAcknowledgementExpired;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageReassigned;
import dev.tocsin.events.page.PageRenotified;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.events.page.PageSnoozed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import dev.tocsin.escalation.page.Page;
import dev.tocsin.escalation.page.PageChange;
import dev.tocsin.escalation.page.UnroutedPages;
import dev.tocsin.escalation.load.store.LoadPages;

/**
 * Loads pages from their events and records new ones: the events, the projection and the
 * integration events (page events and one notify request per person) in the caller's transaction,
 * which must be an {@link AfterCommit#transaction}: the page metrics count after it commits.
 */
@ApplicationScoped
public class Pages {

    public static final StoredEvents<PageChange> EVENTS = StoredEvents.of("Page", PageChange.class);

    private final EventStore store;
    private final PageProjection projection;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private final UnroutedPages unrouted;
    private final LoadPages load;

    Pages(EventStore store, PageProjection projection, Outbox outbox, MeterRegistry registry, UnroutedPages unrouted,
            LoadPages load) {
        this.unrouted = unrouted;
        this.load = load;
        this.store = store;
        this.projection = projection;
        this.outbox = outbox;
        this.registry = registry;
    }

    /** One page per alert, whatever redelivers the alert. */
    public static String idFor(String alertId) {
        return UUID.nameUUIDFromBytes(("page:" + alertId).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** The page, {@link Page.Status#NEW} when it has no events. */
    public Uni<Page> load(String pageId) {
        return store.load(EVENTS, pageId).map(events -> Page.replay(pageId, events));
    }

    /** Every page of {@code pageIds} in one read, by id; one without events is {@link Page.Status#NEW}. */
    public Uni<Map<String, Page>> loadAll(Collection<String> pageIds) {
        return store.loadAll(EVENTS, pageIds).map(found -> {
            Map<String, Page> loaded = new LinkedHashMap<>();
            found.forEach((id, events) -> loaded.put(id, Page.replay(id, events)));
            return loaded;
        });
    }

    /**
     * Events decided on one page.
     *
     * @param before the page they were decided on ({@link Page.Status#NEW} for a new page)
     * @param changes in the order they were decided
     */
    public record Decided(String pageId, Page before, List<PageChange> changes) {

        /** The page after its changes. */
        public Page after() {
            Page page = before;
            for (PageChange change : changes) {
                page = page.apply(change);
            }
            return page;
        }
    }

    /** Records events decided on {@code before} ({@link Page.Status#NEW} for a new page). */
    public Uni<Void> record(Page before, String pageId, List<PageChange> events) {
        return recordAll(List.of(new Decided(pageId, before, events)));
    }

    /**
     * Records the events decided on many pages in a constant number of statements however many
     * pages there are: one append of all their events, one write of their projection rows, one of
     * their integration events (each page's in the order its events were decided).
     */
    public Uni<Void> recordAll(List<Decided> decided) {
        List<Decided> changed = decided.stream().filter(d -> !d.changes().isEmpty()).toList();
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<EventStore.Append<PageChange>> appends = new ArrayList<>(changed.size());
        List<IntegrationEvent> published = new ArrayList<>();
        List<Runnable> counts = new ArrayList<>();
        for (Decided page : changed) {
            appends.add(new EventStore.Append<>(page.pageId(), page.before().version(), page.changes()));
            Page state = page.before();
            for (PageChange event : page.changes()) {
                Page previous = state;
                state = state.apply(event);
                Page after = state;
                counts.add(() -> count(previous, after, event));
                // An unrouted page was never published; its closing is not either.
                if (previous.status() != Page.Status.UNROUTED) {
                    published.addAll(integrationEvents(after, event));
                }
            }
        }
        return store.append(Sql.connection(), EVENTS, appends)
                // The two projections do not depend on each other: pipelined on the transaction's connection.
                .chain(() -> Uni.combine().all().unis(projection.write(changed), load.write(changed)).discardItems())
                .chain(() -> outbox.append(Sql.connection(), published))
                // Counted after commit: an attempt that lost to a concurrent writer or failed to commit is
                // retried (by the inbox, the API or the engine) and must not count the same change again.
                .invoke(() -> counts.forEach(AfterCommit::register));
    }

    private void count(Page before, Page page, PageChange event) {
        if (page.drillId() != null) {
            // A drill counts in no page metric, as in no load figure; that it ran is counted on its own.
            if (event instanceof PageChange.Opened) {
                registry.counter("tocsin.drills.started", "service", page.service()).increment();
            }
            return;
        }
        switch (event) {
            case PageChange.Opened o -> registry.counter("tocsin.pages.opened", "service", page.service()).increment();
            case PageChange.Escalated e -> registry.counter("tocsin.pages.escalated").increment();
            case PageChange.Acknowledged a -> {
                registry.counter("tocsin.pages.acknowledged", "via", via(a.via())).increment();
                latency(ACK_LATENCY, page).record(Duration.between(page.openedAt(), a.at()));
            }
            case PageChange.Unrouted u -> {
                registry.counter("tocsin.pages.unrouted").increment();
                unrouted.opened();
            }
            case PageChange.Snoozed s -> registry.counter("tocsin.pages.snoozed", "via", via(s.via())).increment();
            case PageChange.Reassigned r -> registry.counter("tocsin.pages.reassigned", "via", via(r.via()))
                    .increment();
            case PageChange.Renotified r -> registry.counter("tocsin.pages.renotified").increment();
            case PageChange.AcknowledgementExpired x -> registry.counter("tocsin.pages.acknowledgement.expired")
                    .increment();
            // Bookkeeping of an old page, nothing a person did.
            case PageChange.PolicyAdopted a -> { }
            // No metric counts pages ending; their status on the API and timeline shows it.
            case PageChange.Exhausted x -> { }
            case PageChange.Resolved r -> {
                if (before.status() == Page.Status.UNROUTED) {
                    unrouted.closed();
                } else {
                    latency(RESOLVE_LATENCY, page).record(Duration.between(page.openedAt(), r.at()));
                }
            }
        }
    }

    /**
     * The time to acknowledge and the time to resolve of docs/on-call-load.md, per service: MTTA and
     * MTTR on the dashboard. Histograms, so histogram_quantile reads them across replicas; bounds at
     * the first minutes people take to answer and the usual response deadlines (5 to 30 minutes).
     */
    private static final String ACK_LATENCY = "tocsin.page.ack.latency";
    private static final String RESOLVE_LATENCY = "tocsin.page.resolve.latency";

    private Timer latency(String name, Page page) {
        return LatencyHistograms.timer(name, name.equals(ACK_LATENCY) ? "time from a page opening to its acknowledgement"
                        : "time from a page opening to its resolution", Duration.ofSeconds(1), Duration.ofDays(1),
                        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
                        Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
                        Duration.ofHours(4))
                .tag("service", page.service()).register(registry);
    }

    private static String via(String via) {
        return via == null ? "unknown" : via;
    }

    private static List<IntegrationEvent> integrationEvents(Page page, PageChange event) {
        return switch (event) {
            case PageChange.Opened o -> Stream.<IntegrationEvent>concat(
                    Stream.of(new PageOpened(page.id(), page.alertId(), page.service(), page.policyId(), page.summary(),
                            o.at(), o.routedBy() == null ? null : o.routedBy().name(), o.userFacingSlo(), o.userIds(),
                            page.drillId())),
                    notify(page, 1, 1, o.userIds(), o).stream()).toList();
            case PageChange.Escalated e -> Stream.<IntegrationEvent>concat(
                    Stream.of(new PageEscalated(page.id(), page.alertId(), e.step(), e.round(), e.userIds(), e.at(),
                            e.by(), e.via())),
                    notify(page, e.step(), e.round(), e.userIds(), e).stream()).toList();
            case PageChange.Renotified r -> Stream.<IntegrationEvent>concat(
                    Stream.of(new PageRenotified(page.id(), page.alertId(), r.step(), r.round(), r.userIds(), r.at())),
                    notify(page, r.step(), r.round(), r.userIds(), r).stream()).toList();
            case PageChange.AcknowledgementExpired x -> Stream.<IntegrationEvent>concat(
                    Stream.of(new PageAcknowledgementExpired(page.id(), page.alertId(), x.step(), x.round(),
                            x.userIds(), x.at())),
                    notify(page, x.step(), x.round(), x.userIds(), x).stream()).toList();
            case PageChange.Reassigned r -> Stream.<IntegrationEvent>concat(
                    Stream.of(new PageReassigned(page.id(), page.alertId(), page.policyId(), r.userId(), r.step(),
                            r.round(), r.userIds(), r.by(), r.via(), r.at())),
                    notify(page, r.step(), r.round(), r.userIds(), r).stream()).toList();
            case PageChange.Snoozed s -> List.of(new PageSnoozed(page.id(), page.alertId(), s.until(), s.by(), s.via(),
                    s.at()));
            // Domain only: the page runs on as it did; nothing downstream sees a difference.
            case PageChange.PolicyAdopted a -> List.of();
            case PageChange.Acknowledged a -> List.of(new PageAcknowledged(page.id(), page.alertId(), a.by(), a.via(),
                    a.at()));
            case PageChange.Exhausted x -> Stream.<IntegrationEvent>concat(
                    Stream.of(new PageExhausted(page.id(), page.alertId(), x.at())),
                    exhaustedNotice(page, x).stream()).toList();
            case PageChange.Resolved r -> List.of(new PageResolved(page.id(), page.alertId(), r.at(), r.by(), r.via()));
            // Recorded and visible here; nothing downstream can act on it yet.
            case PageChange.Unrouted u -> List.of();
        };
    }

    /** The fallback contact is told the policy ran out, under an id of its own (the page runs out once). */
    private static List<NotifyRequested> exhaustedNotice(Page page, PageChange.Exhausted x) {
        String reason = "nobody acknowledged page " + page.id() + " on any step of escalation policy "
                + page.policyId() + ": the policy ran out, and you are the fallback contact";
        return x.notifiedUsers().stream().map(user -> new NotifyRequested(page.id() + "/exhausted/" + user,
                page.id(), page.alertId(), user, page.step(), page.service(), page.summary(), page.severity(),
                page.labels(), x.at(), reason, page.urgencyReason())).toList();
    }

    private static List<NotifyRequested> notify(Page page, int step, int round, List<String> users, PageChange event) {
        // notifier-service dedupes by request id. The first page of a step keeps the id it always
        // had; a later one (escalating again after a snooze or a reassignment, which can reach the
        // same step and round twice) adds the page's version, which only that event has.
        String suffix = event instanceof PageChange.Opened ? "" : "/v" + page.version();
        return users.stream().map(user -> new NotifyRequested(page.id() + "/" + round + "/" + step + "/" + user + suffix,
                page.id(), page.alertId(), user, step, page.service(), page.summary(), page.severity(), page.labels(),
                event.at(), null, page.urgencyReason())).toList();
    }
}
