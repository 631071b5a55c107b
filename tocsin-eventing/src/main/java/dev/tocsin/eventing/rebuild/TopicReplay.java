package dev.tocsin.eventing.rebuild;

import dev.tocsin.eventing.KafkaClients;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.ProblemException;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Rebuilds projections of other services' topics: empties their tables and forgets their inbox
 * rows in one transaction, then reads every partition of their topics from the beginning up to
 * the end offsets seen at the start. The live consumers keep running: what they apply meanwhile is
 * either past those offsets or deduplicated by the inbox, so the result is the same with one
 * replica or many. Tables read during the replay are incomplete until it returns.
 */
@ApplicationScoped
class TopicReplay {

    private static final String FORGET = "delete from inbox where consumer = any($1)";

    private final KafkaClients clients;
    private final RebuildConfig config;

    TopicReplay(KafkaClients clients, RebuildConfig config) {
        this.clients = clients;
        this.config = config;
    }

    /**
     * Returns how many records it replayed; puts each table's rows afterwards into {@code rows}.
     * Blocks while it polls the topics: call it off the event loop.
     */
    long rebuild(List<TopicProjection> projections, Map<String, Long> rows) {
        if (projections.isEmpty()) {
            return 0;
        }
        List<String> tables = projections.stream().flatMap(p -> p.tables().stream()).toList();
        drop(projections, tables);
        long replayed = replay(projections);
        ProjectionRebuild.count(Sql.pool(), tables, rows).await().indefinitely();
        return replayed;
    }

    private static void drop(List<TopicProjection> projections, List<String> tables) {
        String[] consumers = projections.stream().flatMap(p -> p.inboxConsumers().stream()).toArray(String[]::new);
        // One statement, tables in the order the projection lists them (the order its consumers write them).
        Sql.transaction(c -> c.query("truncate " + String.join(", ", tables)).execute()
                        .chain(() -> c.preparedQuery(FORGET).execute(Tuple.tuple().addArrayOfString(consumers))))
                .await().indefinitely();
    }

    private long replay(List<TopicProjection> projections) {
        Map<String, TopicProjection> byTopic = new HashMap<>();
        projections.forEach(p -> p.topics().forEach(topic -> byTopic.put(topic, p)));
        long replayed = 0;
        long giveUpAt = System.nanoTime() + config.timeout().toNanos();
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(clients.properties(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)))) {
            List<TopicPartition> partitions = byTopic.keySet().stream()
                    .flatMap(topic -> kafka.partitionsFor(topic).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
            Duration pollTimeout = config.pollTimeout();
            while (!caughtUp(kafka, ends)) {
                if (System.nanoTime() > giveUpAt) {
                    throw new ProblemException(503, "Service Unavailable", "the rebuild did not finish within "
                            + config.timeout() + " after replaying " + replayed + " records; start it again");
                }
                for (ConsumerRecord<String, String> record : kafka.poll(pollTimeout)) {
                    apply(byTopic.get(record.topic()), record);
                    replayed++;
                }
            }
        }
        return replayed;
    }

    private static void apply(TopicProjection projection, ConsumerRecord<String, String> record) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> projection.apply(record));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("replaying " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " failed", e);
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, String> kafka, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
    }
}
