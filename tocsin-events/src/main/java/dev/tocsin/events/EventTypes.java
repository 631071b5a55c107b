package dev.tocsin.events;

import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.change.ChangeReceived;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.ReleaseAlert;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every integration event Tocsin publishes. A new event or a new version of one is a new line
 * here and a golden fixture under {@code src/test/resources/golden}; during a release consumers
 * keep accepting the previous version's {@code ce_type}.
 */
public final class EventTypes {

    public static final List<EventType> ALL = List.of(
            new EventType("tocsin.alert-signal.received.v1", Topics.ALERT_SIGNALS, AlertSignalReceived.class),
            new EventType("tocsin.alert-command.release.v1", Topics.ALERT_SIGNALS, ReleaseAlert.class),
            new EventType("tocsin.alert.triggered.v1", Topics.ALERTS, AlertTriggered.class),
            new EventType("tocsin.alert.resolved.v1", Topics.ALERTS, AlertResolved.class),
            new EventType("tocsin.alert-group.updated.v1", Topics.ALERTS, AlertGroupUpdated.class),
            new EventType("tocsin.page.opened.v1", Topics.PAGES, PageOpened.class),
            new EventType("tocsin.page.escalated.v1", Topics.PAGES, PageEscalated.class),
            new EventType("tocsin.page.acknowledged.v1", Topics.PAGES, PageAcknowledged.class),
            new EventType("tocsin.page.exhausted.v1", Topics.PAGES, PageExhausted.class),
            new EventType("tocsin.page.resolved.v1", Topics.PAGES, PageResolved.class),
            new EventType("tocsin.page-command.acknowledge.v1", Topics.PAGE_COMMANDS, AcknowledgePage.class),
            new EventType("tocsin.notify.requested.v1", Topics.NOTIFY_REQUESTS, NotifyRequested.class),
            new EventType("tocsin.delivery.sent.v1", Topics.NOTIFICATIONS, DeliverySent.class),
            new EventType("tocsin.delivery.failed.v1", Topics.NOTIFICATIONS, DeliveryFailed.class),
            new EventType("tocsin.change.received.v1", Topics.CHANGES, ChangeReceived.class));

    private static final Map<String, EventType> BY_CE_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_RECORD =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::recordType, Function.identity()));

    private EventTypes() {
    }

    public static Optional<EventType> byCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    public static EventType of(IntegrationEvent event) {
        EventType type = BY_RECORD.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not a registered integration event: " + event.getClass().getName());
        }
        return type;
    }
}
