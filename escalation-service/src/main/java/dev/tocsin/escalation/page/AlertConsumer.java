package dev.tocsin.escalation.page;

import dev.tocsin.escalation.config.Documents;
import dev.tocsin.escalation.config.EscalationPolicy;
import dev.tocsin.escalation.config.ServiceDefinition;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Deadlines;
import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertEvent;
import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Opens a page for every alert that must wake someone, routed by its service's escalation policy
 * to whoever step 1 names right now, and arms the step's deadline; resolves the page when the
 * alert resolves. An alert that cannot be routed still gets a page, marked unrouted with the reason.
 */
@ApplicationScoped
public class AlertConsumer implements Redelivery {

    private static final Logger LOG = Logger.getLogger(AlertConsumer.class);
    public static final String DEADLINE = "page.step";
    static final String CONSUMER = "escalation.alerts";

    private final Inbox inbox;
    private final Pages pages;
    private final Documents documents;
    private final Targets targets;
    private final Deadlines deadlines;
    private final Clock clock;
    private final MeterRegistry registry;

    AlertConsumer(Inbox inbox, Pages pages, Documents documents, Targets targets, Deadlines deadlines, Clock clock,
            MeterRegistry registry) {
        this.inbox = inbox;
        this.pages = pages;
        this.documents = documents;
        this.targets = targets;
        this.deadlines = deadlines;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return apply(List.of(record));
    }

    /** A poll of alerts, in one transaction; the services, policies and schedules it needs are read once. */
    @Incoming(Topics.ALERTS)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return apply(poll);
    }

    private Uni<Void> apply(Iterable<ConsumerRecord<String, String>> records) {
        return inbox.consume(CONSUMER, AlertEvent.class, records, alerts -> Routing.read(documents, alerts),
                (routing, fresh) -> switch (fresh.event()) {
                    case AlertTriggered triggered -> triggered(triggered, routing, fresh);
                    case AlertResolved resolved -> resolved(resolved);
                    // A storm group's members changed; its page is the group alert's own, opened when it triggered.
                    case AlertGroupUpdated updated -> Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> triggered(AlertTriggered alert, Routing routing, Inbox.Fresh<AlertEvent> fresh) {
        if (alert.urgency() != Urgency.PAGE) {
            AfterCommit.register(() -> registry.counter("tocsin.alerts.not.paged", "urgency", alert.urgency().name())
                    .increment());
            return Uni.createFrom().voidItem();
        }
        String pageId = Pages.idFor(alert.alertId());
        Instant now = clock.instant();
        return pages.load(pageId).chain(existing -> {
            if (existing.isPresent()) {
                return Uni.createFrom().voidItem();
            }
            Optional<ServiceDefinition> service = routing.service(alert.service());
            if (service.isEmpty()) {
                return unrouted(alert, pageId, "no service '" + alert.service() + "' is configured", now);
            }
            return routing.policy(service.get().escalationPolicy()).map(policy -> open(alert, pageId, policy,
                            routing, now))
                    .orElseGet(() -> unrouted(alert, pageId, "escalation policy '"
                            + service.get().escalationPolicy() + "' does not exist", now));
        });
    }

    private Uni<Void> open(AlertTriggered alert, String pageId, EscalationPolicy policy, Routing routing,
            Instant now) {
        EscalationPolicy.Step first = policy.steps().get(0);
        List<String> users = targets.resolve(first, now, routing.schedule(first.target()));
        if (users.isEmpty()) {
            return unrouted(alert, pageId, "step 1 of " + policy.id() + " names nobody on call", now);
        }
        return pages.record(null, pageId, List.of(new PageChange.Opened(pageId, alert.alertId(), alert.service(),
                        policy.id(), alert.summary(), alert.severity(), alert.labels(), users, now)))
                .chain(() -> deadlines.arm(DEADLINE, pageId, now.plus(first.deadline()), "{}"));
    }

    private Uni<Void> unrouted(AlertTriggered alert, String pageId, String reason, Instant now) {
        LOG.warnf("alert %s on %s pages nobody: %s", alert.alertId(), alert.service(), reason);
        return pages.record(null, pageId, List.of(new PageChange.Unrouted(pageId, alert.alertId(), alert.service(),
                reason, now)));
    }

    private Uni<Void> resolved(AlertResolved alert) {
        String pageId = Pages.idFor(alert.alertId());
        return pages.load(pageId).chain(page -> pages.record(page.orElse(null), pageId,
                        Page.resolve(page.orElse(null), clock.instant())))
                .chain(() -> deadlines.cancel(DEADLINE, pageId));
    }
}
