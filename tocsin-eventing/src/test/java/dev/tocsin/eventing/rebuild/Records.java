package dev.tocsin.eventing.rebuild;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import dev.tocsin.events.Topics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A projection of a topic: where each of its records sits, each once however often it is replayed. */
@ApplicationScoped
class Records implements TopicProjection {

    static final String TABLE = """
            create table if not exists rebuild_test_records (
                topic_partition integer not null,
                record_offset   bigint  not null,
                record_key      text,
                primary key (topic_partition, record_offset))""";
    private static final String INSERT = """
            insert into rebuild_test_records (topic_partition, record_offset, record_key) values ($1, $2, $3)
            on conflict do nothing""";

    @Override
    public String name() {
        return "records";
    }

    @Override
    public List<String> tables() {
        return List.of("rebuild_test_records");
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.ALERTS);
    }

    @Override
    public List<String> inboxConsumers() {
        return List.of("rebuild-test-records");
    }

    @Override
    public Uni<Void> apply(ConsumerRecord<String, String> record) {
        return AfterCommit.transaction(() -> Sql.connection().preparedQuery(INSERT)
                .execute(Tuple.of(record.partition(), record.offset(), record.key())).replaceWithVoid());
    }
}
