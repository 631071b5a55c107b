package dev.tocsin.eventing.directory;

import dev.tocsin.eventing.ProbeAdmin;
import dev.tocsin.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once this service's projection of the directory has caught up with {@code
 * tocsin.directory} as it stood when the replica started: before that, a token issued a while ago
 * would be refused here as unknown, so the replica takes no traffic. Once caught up it stays
 * ready whatever the lag (a slow broker would otherwise take every replica out at once); the lag
 * (records not yet projected) is always in the check's data, for an operator or an alert.
 */
@Readiness
@ApplicationScoped
public class DirectoryReadinessCheck implements HealthCheck {

    private final Admin admin;
    private final String group;
    private volatile Map<TopicPartition, Long> startEnds;
    private volatile boolean caughtUp;

    DirectoryReadinessCheck(ProbeAdmin probe,
            @ConfigProperty(name = "mp.messaging.incoming.\"tocsin.directory\".group.id") String group) {
        this.group = group;
        this.admin = probe.admin();
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Map<TopicPartition, Long> ends = ends();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
            if (startEnds == null) {
                startEnds = ends;
            }
            long lag = 0;
            boolean reached = true;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                long position = at == null ? 0 : at.offset();
                lag += Math.max(0, end.getValue() - position);
                reached &= position >= startEnds.getOrDefault(end.getKey(), 0L);
            }
            caughtUp |= reached;
            return HealthCheckResponse.named("directory").status(caughtUp).withData("lag", lag)
                    .withData("group", group).build();
        } catch (Exception e) {
            // The broker's own check says when it is away; only a replica that never caught up is held back.
            return HealthCheckResponse.named("directory").status(caughtUp).withData("error", e.toString()).build();
        }
    }

    /** The end offset of each partition of the directory topic; none while the topic does not exist yet. */
    private Map<TopicPartition, Long> ends() throws Exception {
        TopicDescription topic;
        try {
            topic = admin.describeTopics(java.util.List.of(Topics.DIRECTORY)).allTopicNames().get(3, TimeUnit.SECONDS)
                    .get(Topics.DIRECTORY);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of();
            }
            throw e;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topic.partitions().forEach(p -> latest.put(new TopicPartition(Topics.DIRECTORY, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(3, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }
}
