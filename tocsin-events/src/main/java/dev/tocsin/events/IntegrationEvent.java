package dev.tocsin.events;

/**
 * An event that crosses a service boundary on Kafka. Each one belongs to one aggregate, whose id
 * is the record key, so all events of that aggregate stay ordered on one partition.
 */
public interface IntegrationEvent {

    /** Id of the aggregate this event belongs to; used as the Kafka record key and {@code ce_subject}. */
    String aggregateId();
}
