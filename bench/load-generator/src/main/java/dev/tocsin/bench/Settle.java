package dev.tocsin.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@code settle} mode: waits until every consumer group on the broker has consumed every
 * partition it reads up to the end, that is until all four services have finished the work the
 * last load gave them, so that work does not run during the next measurement. Prints how long that
 * took and which groups were last.
 */
final class Settle {

    private Settle() {
    }

    static void run(Args args) throws Exception {
        String bootstrap = args.kafkaBootstrap();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(args.bounded("timeout", 600, 1, 7200));
        args.checkAllRead();
        try (Admin admin = ConsumerLag.admin(bootstrap)) {
            Map<String, Long> lags = lags(admin);
            while (total(lags) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                lags = lags(admin);
            }
            System.out.printf("settle lag=%d after %.0f s%s%n", total(lags), (System.nanoTime() - start) / 1e9,
                    total(lags) == 0 ? "" : " behind: " + lags);
        }
    }

    private static long total(Map<String, Long> lags) {
        return lags.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Each group with a lag: the sum over its committed partitions of end offset minus committed offset. */
    private static Map<String, Long> lags(Admin admin) throws Exception {
        List<String> groups = ConsumerLag.get(admin.listConsumerGroups().all()).stream().map(ConsumerGroupListing::groupId)
                .toList();
        Map<String, Long> lags = new HashMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = ConsumerLag.get(admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata());
            committed.values().removeIf(offset -> offset == null);
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            long lag = 0;
            for (var end : ConsumerLag.get(admin.listOffsets(latest).all()).entrySet()) {
                lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset());
            }
            if (lag > 0) {
                lags.put(group, lag);
            }
        }
        return lags;
    }
}
