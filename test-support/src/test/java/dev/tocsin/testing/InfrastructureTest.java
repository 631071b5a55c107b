package dev.tocsin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.Topics;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The infrastructure every other test stands on really works: a record, a query, an email. */
class InfrastructureTest {

    @Test
    void brokerCarriesARecordOnEveryTocsinTopic() throws Exception {
        String servers = Infrastructure.kafkaBootstrapServers();
        String value = UUID.randomUUID().toString();
        try (var producer = Infrastructure.producer()) {
            producer.send(new ProducerRecord<>(Topics.ALERTS, "k", value)).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "infra-test-" + value,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.ALERTS));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value().equals(value)) {
                        return true;
                    }
                }
                return false;
            });
            assertTrue(consumer.listTopics().keySet().containsAll(Infrastructure.allTopics()));
        }
    }

    @Test
    void databaseAnswersAQuery() throws Exception {
        Database db = Infrastructure.database();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
            assertTrue(rs.next());
            assertEquals("tocsin", rs.getString(1));
        }
    }

    @Test
    void smtpServerReceivesAMessage() throws Exception {
        try (SmtpServer smtp = SmtpServer.start()) {
            Properties props = new Properties();
            props.put("mail.smtp.host", smtp.host());
            props.put("mail.smtp.port", String.valueOf(smtp.port()));
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("tocsin@localhost"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.com"));
            message.setSubject("hello");
            message.setText("body");
            Transport.send(message);
            assertEquals("hello", smtp.awaitMessages(1, Duration.ofSeconds(10)).get(0).getSubject());
        }
    }

    @Test
    void jdbcUrlsAreParsedAsWritten() {
        // PG_URL from the environment is the only way a user points Tocsin at their database.
        Database db = Database.fromJdbcUrl("jdbc:postgresql://db.internal:6543/alerts?sslmode=require", "u", "p");
        assertEquals("postgresql://db.internal:6543/alerts", db.reactiveUrl());
        assertEquals("jdbc:postgresql://db.internal:6543/alerts", db.jdbcUrl());
    }
}
