package dev.tocsin.incident.rebuild;

import dev.tocsin.eventing.KafkaClients;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.incident.IncidentConfig;
import dev.tocsin.incident.consumer.TopicConsumer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Drops incident-service's projections and builds them again from the topics, whose retention
 * keeps every event. It empties the tables and the consumers' inbox rows in one transaction, then
 * reads every partition of the consumed topics from the beginning up to the end offsets seen at
 * the start, feeding each record through the same {@link TopicConsumer} as live consumption.
 * The live consumers keep running: what they apply meanwhile is either past those offsets or
 * deduplicated by the inbox, so the result is the same with one replica or many.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    // Tables in the order the pages consumer writes them, so truncating cannot deadlock with it.
    private static final String TRUNCATE = "truncate pages, timeline_entries";
    private static final String FORGET = "delete from inbox where consumer in (:consumers)";
    private static final String COUNT = "select (select count(*) from timeline_entries), (select count(*) from pages)";

    private final Map<String, TopicConsumer> byTopic;
    private final KafkaClients clients;
    private final IncidentConfig config;
    private final AtomicBoolean running = new AtomicBoolean();

    ProjectionRebuild(Instance<TopicConsumer> consumers, KafkaClients clients, IncidentConfig config) {
        this.byTopic = consumers.stream().collect(Collectors.toUnmodifiableMap(TopicConsumer::topic, Function.identity()));
        this.clients = clients;
        this.config = config;
    }

    /** Blocks until the projections caught up with the topics as they were when it started. */
    public RebuildResult rebuild() throws Throwable {
        if (!running.compareAndSet(false, true)) {
            throw new ProblemException(409, "Conflict", "a rebuild is already running");
        }
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::drop));
            long replayed = replay();
            Object[] counts = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                    .chain(session -> session.createNativeQuery(COUNT, Object[].class).getSingleResult())));
            RebuildResult result = new RebuildResult(replayed, ((Number) counts[0]).longValue(),
                    ((Number) counts[1]).longValue());
            LOG.infof("projections rebuilt: %s", result);
            return result;
        } finally {
            running.set(false);
        }
    }

    private Uni<Void> drop() {
        List<String> consumers = byTopic.values().stream().map(TopicConsumer::name).toList();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(TRUNCATE).executeUpdate())
                .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(FORGET)
                        .setParameter("consumers", consumers)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    private long replay() throws Throwable {
        long replayed = 0;
        long giveUpAt = System.nanoTime() + config.rebuild().timeout().toNanos();
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
            Duration pollTimeout = config.rebuild().pollTimeout();
            while (!caughtUp(kafka, ends)) {
                if (System.nanoTime() > giveUpAt) {
                    throw new ProblemException(503, "Service Unavailable", "the rebuild did not finish within "
                            + config.rebuild().timeout() + " after replaying " + replayed + " records; start it again");
                }
                for (ConsumerRecord<String, String> record : kafka.poll(pollTimeout)) {
                    VertxContextSupport.subscribeAndAwait(() -> byTopic.get(record.topic()).consume(record));
                    replayed++;
                }
            }
        }
        return replayed;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> kafka, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
    }
}
