package dev.tocsin.incident.rebuild;

import dev.tocsin.eventing.rebuild.TopicProjection;
import dev.tocsin.incident.consumer.TopicConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * incident-service's projections (the page timeline and the pages that join alerts to it) as the
 * rebuild sees them: built from other services' topics, each record through the same
 * {@link TopicConsumer} as live consumption, so a replay builds what live consumption built.
 * They are rebuilt from the topics, not from a store of incident-service's own (docs/design.md).
 */
@ApplicationScoped
public class TimelineProjection implements TopicProjection {

    private final Map<String, TopicConsumer> byTopic;

    TimelineProjection(Instance<TopicConsumer> consumers) {
        this.byTopic = consumers.stream().collect(Collectors.toUnmodifiableMap(TopicConsumer::topic,
                Function.identity()));
    }

    @Override
    public String name() {
        return "timeline";
    }

    /** In the order the pages consumer writes them, so emptying them cannot deadlock with it. */
    @Override
    public List<String> tables() {
        return List.of("pages", "timeline_entries");
    }

    @Override
    public List<String> topics() {
        return List.copyOf(byTopic.keySet());
    }

    @Override
    public List<String> inboxConsumers() {
        return byTopic.values().stream().map(TopicConsumer::name).toList();
    }

    @Override
    public Uni<Void> apply(ConsumerRecord<String, String> record) {
        return byTopic.get(record.topic()).consume(record);
    }
}
