package dev.tocsin.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group has come through a topic: the sum of its committed offsets against the
 * sum of the topic's end offsets, over all partitions. A partition the group never committed on
 * counts from its earliest offset.
 */
final class ConsumerLag implements AutoCloseable {

    /** Committed and end offsets summed over the topic's partitions. */
    record Position(long committed, long end) {
        long lag() {
            return end - committed;
        }
    }

    private final Admin admin;
    private final String group;
    private final List<TopicPartition> partitions;

    ConsumerLag(String bootstrap, String topic, String group) throws Exception {
        this.admin = admin(bootstrap);
        this.group = group;
        Collection<String> groups = get(admin.listConsumerGroups().all()).stream()
                .map(ConsumerGroupListing::groupId).toList();
        if (!groups.contains(group)) {
            admin.close();
            throw new IllegalArgumentException("no consumer group '" + group + "' on " + bootstrap + "; groups: "
                    + groups + ". Is alert-ingest running?");
        }
        this.partitions = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    Position position() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> earliest = offsets(OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(OffsetSpec.latest());
        long committedSum = 0;
        long endSum = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            committedSum += offset == null ? earliest.get(partition) : offset.offset();
            endSum += latest.get(partition);
        }
        return new Position(committedSum, endSum);
    }

    int partitionCount() {
        return partitions.size();
    }

    private Map<TopicPartition, Long> offsets(OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> spec));
        return get(admin.listOffsets(request).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** An admin client whose calls give up after 15 s. */
    static Admin admin(String bootstrap) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(config);
    }

    static <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        admin.close();
    }
}
