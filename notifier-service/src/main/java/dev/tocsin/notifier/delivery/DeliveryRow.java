package dev.tocsin.notifier.delivery;

import dev.tocsin.events.delivery.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the {@code deliveries} projection: where a delivery stands, for people and tools. */
@Entity
@Table(name = "deliveries")
public class DeliveryRow extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "page_id")
    public String pageId;
    @Column(name = "alert_id")
    public String alertId;
    @Column(name = "user_id")
    public String userId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String address;
    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    static DeliveryRow of(Delivery delivery) {
        DeliveryRow row = new DeliveryRow();
        row.id = delivery.id();
        row.requestId = delivery.notification().requestId();
        row.pageId = delivery.notification().pageId();
        row.alertId = delivery.notification().alertId();
        row.userId = delivery.notification().userId();
        row.channel = delivery.channel();
        row.address = delivery.address();
        row.status = delivery.status();
        row.attempts = delivery.attempts();
        row.lastError = delivery.lastError();
        row.nextAttemptAt = delivery.status().open() ? delivery.nextAttemptAt() : null;
        row.updatedAt = delivery.updatedAt();
        return row;
    }
}
