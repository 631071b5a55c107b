package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.Inbox;
import dev.tocsin.events.Topics;
import dev.tocsin.events.signal.AlertSignalReceived;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads accepted signals back from Kafka, in dedup-key order per partition, and decides on each
 * exactly once (the inbox drops a redelivered signal).
 */
@ApplicationScoped
public class SignalConsumer {

    private final Inbox inbox;
    private final SignalDecider decider;

    SignalConsumer(Inbox inbox, SignalDecider decider) {
        this.inbox = inbox;
        this.decider = decider;
    }

    @Incoming(Topics.ALERT_SIGNALS)
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        return inbox.consume("ingest.signals", record, event -> event instanceof AlertSignalReceived signal
                ? decider.decide(signal)
                : Uni.createFrom().voidItem());
    }
}
