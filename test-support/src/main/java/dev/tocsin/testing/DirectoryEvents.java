package dev.tocsin.testing;

import dev.tocsin.events.CloudEventHeaders;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.EventType;
import dev.tocsin.events.EventTypes;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.directory.DirectoryEvent;
import dev.tocsin.events.directory.PersonSaved;
import dev.tocsin.events.directory.ServiceSaved;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.awaitility.Awaitility;

/**
 * Puts people, services and any other directory event into the directory of the one service a
 * test runs, as escalation-service's outbox would publish them on {@code tocsin.directory}, and
 * waits until that service has projected every one (its inbox holds their ids), so a test can then
 * name them in a request. The projection is asynchronous; a test that creates a contact method, an
 * integration key or an SLO profile must define its person or service first.
 */
public final class DirectoryEvents {

    /** Generous: the directory consumer of a service still starting may join its group late. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SOURCE = "/tocsin/escalation-service";
    private static final String APPLIED = """
            select count(*) from inbox where consumer = 'directory' and event_id = any(cast(? as uuid[]))""";

    private final DataSource database;

    /** @param database the data source of the service under test (its schema holds {@code inbox}) */
    public DirectoryEvents(DataSource database) {
        this.database = database;
    }

    /** People of those ids (named after themselves, in UTC), known to the service on return. */
    public DirectoryEvents people(String... ids) {
        Instant now = Instant.now();
        publish(Arrays.stream(ids).map(id -> (DirectoryEvent) new PersonSaved(id, id, "UTC", null, "bootstrap:admin",
                now)).toList());
        return this;
    }

    /** Services of those ids (named after themselves, criticality HIGH, no team), known to the service on return. */
    public DirectoryEvents services(String... ids) {
        Instant now = Instant.now();
        publish(Arrays.stream(ids).map(id -> (DirectoryEvent) new ServiceSaved(id, id, "HIGH", null,
                "bootstrap:admin", now)).toList());
        return this;
    }

    /** Produces the events in order and returns once the service applied every one of them. */
    public DirectoryEvents publish(DirectoryEvent... events) {
        return publish(List.of(events));
    }

    /** Produces the events in order and returns once the service applied every one of them. */
    public DirectoryEvents publish(List<? extends DirectoryEvent> events) {
        List<UUID> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = Infrastructure.producer()) {
            for (IntegrationEvent event : events) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                producer.send(record(event, id)).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("could not produce directory events", e);
        }
        Awaitility.await("the service projects " + events.size() + " directory event(s)").atMost(WAIT)
                .until(() -> applied(ids) == ids.size());
        return this;
    }

    private long applied(List<UUID> ids) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(APPLIED)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static ProducerRecord<String, String> record(IntegrationEvent event, UUID id) {
        EventType type = EventTypes.of(event);
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.ID, bytes(id.toString()));
        headers.add(CloudEventHeaders.TYPE, bytes(type.ceType()));
        headers.add(CloudEventHeaders.SOURCE, bytes(SOURCE));
        headers.add(CloudEventHeaders.TIME, bytes(Instant.now().toString()));
        headers.add(CloudEventHeaders.SUBJECT, bytes(event.aggregateId()));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return new ProducerRecord<>(type.topic(), null, event.aggregateId(), EventJson.write(event), headers);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
