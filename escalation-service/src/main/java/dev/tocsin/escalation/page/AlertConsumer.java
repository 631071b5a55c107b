package dev.tocsin.escalation.page;

import dev.tocsin.escalation.policy.store.Policies;
import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.escalation.service.store.Services;
import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.eventing.AfterCommit;
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
import dev.tocsin.escalation.page.store.Pages;

/**
 * Opens a page for every alert that must wake someone, on a snapshot of its service's escalation
 * policy, and resolves the page when the alert resolves. Only gathers: what happens is the Page
 * aggregate's decision ({@link PageCommand.Open}, {@link PageCommand.Resolve}). An alert that
 * cannot be routed still gets a page, marked unrouted with the reason.
 */
@ApplicationScoped
public class AlertConsumer implements Redelivery {

    private static final Logger LOG = Logger.getLogger(AlertConsumer.class);
    static final String CONSUMER = "escalation.alerts";

    private final Inbox inbox;
    private final Pages pages;
    private final PageCommands commands;
    private final Services services;
    private final Policies policies;
    private final Schedules schedules;
    private final Clock clock;
    private final MeterRegistry registry;

    AlertConsumer(Inbox inbox, Pages pages, PageCommands commands, Services services, Policies policies,
            Schedules schedules, Clock clock, MeterRegistry registry) {
        this.inbox = inbox;
        this.pages = pages;
        this.commands = commands;
        this.services = services;
        this.policies = policies;
        this.schedules = schedules;
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
        return inbox.consume(CONSUMER, AlertEvent.class, records, alerts -> Routing.read(services, policies, schedules, alerts),
                (routing, fresh) -> switch (fresh.event()) {
                    case AlertTriggered triggered -> triggered(triggered, routing);
                    case AlertResolved resolved -> resolved(resolved);
                    // A storm group's members changed; its page is the group alert's own, opened when it triggered.
                    case AlertGroupUpdated updated -> Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> triggered(AlertTriggered alert, Routing routing) {
        if (alert.urgency() != Urgency.PAGE) {
            AfterCommit.register(() -> registry.counter("tocsin.alerts.not.paged", "urgency", alert.urgency().name())
                    .increment());
            return Uni.createFrom().voidItem();
        }
        String pageId = Pages.idFor(alert.alertId());
        Instant now = clock.instant();
        PolicySnapshot policy = null;
        String unroutable = null;
        Optional<ServiceDefinition> service = routing.service(alert.service());
        if (service.isEmpty()) {
            unroutable = "no service '" + alert.service() + "' is configured";
        } else {
            ServiceDefinition.Criticality criticality = service.get().criticality();
            policy = routing.policy(service.get().escalationPolicy()).map(p -> PolicySnapshot.of(p, criticality))
                    .orElse(null);
            if (policy == null) {
                unroutable = "escalation policy '" + service.get().escalationPolicy() + "' does not exist";
            }
        }
        PageCommand.Open open = new PageCommand.Open(pageId, alert.alertId(), alert.service(), alert.summary(),
                alert.severity(), alert.labels(), policy, unroutable, PageCommand.Actor.ALERT);
        PageContext context = new PageContext(now, step -> StepRouting.people(step, routing.schedules(), now));
        return pages.load(pageId).chain(page -> commands.record(page, open, context)).invoke(result -> {
            if (result.after().status() == Page.Status.UNROUTED && !result.changes().isEmpty()) {
                LOG.warnf("alert %s on %s pages nobody: %s", alert.alertId(), alert.service(),
                        ((PageChange.Unrouted) result.changes().get(0)).reason());
            }
        }).replaceWithVoid();
    }

    private Uni<Void> resolved(AlertResolved alert) {
        return commands.handle(Pages.idFor(alert.alertId()), new PageCommand.Resolve(PageCommand.Actor.ALERT))
                // An unrouted page stays as it was, the record that nobody was paged.
                .onFailure(PageRefused.class).recoverWithNull()
                .replaceWithVoid();
    }
}
