package dev.tocsin.events;

import dev.tocsin.events.alert.AlertEvent;
import dev.tocsin.events.change.ChangeEvent;
import dev.tocsin.events.delivery.DeliveryEvent;
import dev.tocsin.events.directory.DirectoryEvent;
import dev.tocsin.events.incident.IncidentEvent;
import dev.tocsin.events.notify.NotifyEvent;
import dev.tocsin.events.page.PageCommand;
import dev.tocsin.events.page.PageEvent;
import dev.tocsin.events.signal.SignalMessage;

/**
 * An event that crosses a service boundary on Kafka. Each one belongs to one aggregate, whose id
 * is the record key, so all events of that aggregate stay ordered on one partition. Sealed over one
 * family per topic, so a {@code switch} over it without {@code default} fails to compile when a new
 * event is added and nobody handles it ({@link EventTypes#of} is one such switch).
 */
public sealed interface IntegrationEvent
        permits AlertEvent, PageEvent, PageCommand, NotifyEvent, DeliveryEvent, SignalMessage, ChangeEvent,
        DirectoryEvent, IncidentEvent {

    /** Id of the aggregate this event belongs to; used as the Kafka record key and {@code ce_subject}. */
    String aggregateId();
}
