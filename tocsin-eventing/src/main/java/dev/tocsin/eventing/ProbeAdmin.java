package dev.tocsin.eventing;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The one Kafka admin client the readiness checks share, with short timeouts: a probe answers
 * within seconds whether the broker is there or not, and the service keeps one connection for it.
 */
@ApplicationScoped
public class ProbeAdmin {

    private final Admin admin;

    ProbeAdmin(KafkaClients clients) {
        this.admin = Admin.create(clients.properties(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000)));
    }

    public Admin admin() {
        return admin;
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
