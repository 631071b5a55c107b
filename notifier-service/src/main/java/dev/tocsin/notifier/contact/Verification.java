package dev.tocsin.notifier.contact;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Deadlines;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.delivery.Deliveries;
import dev.tocsin.notifier.delivery.DeliveryCommand.RequestDelivery;
import dev.tocsin.notifier.delivery.DeliveryIds;
import dev.tocsin.notifier.engine.DeliveryAttempts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Verifying a contact method a person added themself: a six-digit
 * code, sent through the method itself as a delivery like any other (retried, recorded,
 * published), valid for 15 minutes and for five wrong tries. Only its hash is stored on the
 * method. Until the person confirms it, no page uses the method, so a mistyped number, topic or
 * member id wakes nobody instead of a stranger, and costs nothing.
 */
@ApplicationScoped
public class Verification {

    public static final Duration TTL = Duration.ofMinutes(15);
    public static final int MAX_ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Deliveries deliveries;
    private final Deadlines deadlines;
    private final Clock clock;

    Verification(Deliveries deliveries, Deadlines deadlines, Clock clock) {
        this.deliveries = deliveries;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    static String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** The stored form of a code: bound to its method, so a code for one method proves nothing for another. */
    static String hash(String userId, String methodId, String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((userId + "\u0000" + methodId + "\u0000" + code)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether {@code code} is the one outstanding for {@code method}, compared in constant time. */
    public static boolean matches(ContactMethod method, String code) {
        return method.verificationCode != null && code != null && MessageDigest.isEqual(
                method.verificationCode.getBytes(StandardCharsets.UTF_8),
                hash(method.userId, method.id, code.strip()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code code} through the method, in a transaction of its own after the method's own
     * committed: a send that fails is the person's to ask again ({@code POST .../verification/code}).
     */
    public Uni<Void> send(ContactMethod method, String code) {
        Instant now = clock.instant();
        String requestId = "verify/" + method.userId + "/" + method.id + "/" + UUID.randomUUID();
        Notification notification = new Notification(requestId, "verify/" + method.userId + "/" + method.id, null,
                method.userId, 0, "tocsin", "Your Tocsin code for contact method " + method.id + " is " + code
                        + "; it expires in 15 minutes", "info", Map.of(), now, "verifying a contact method");
        String deliveryId = DeliveryIds.of(requestId, method.userId, method.id);
        return AfterCommit.transaction(() -> deliveries.execute(deliveryId, new RequestDelivery(deliveryId,
                        notification, method.id, method.type, method.address, now, now))
                .chain(() -> deadlines.arm(DeliveryAttempts.KIND, deliveryId, now, "{}")));
    }
}
