package dev.tocsin.notifier.engine;

import dev.tocsin.eventing.Deadline;
import dev.tocsin.eventing.DeadlineModule;
import dev.tocsin.eventing.api.Redaction;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.delivery.Deliveries;
import dev.tocsin.notifier.delivery.Delivery;
import dev.tocsin.notifier.delivery.DeliveryCommand;
import dev.tocsin.notifier.delivery.DeliveryCommand.Cancel;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordFailure;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordSent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fires {@code delivery.attempt} deadlines: makes one attempt through the delivery's channel, outside
 * any transaction (a provider may take its whole send timeout), then records the outcome on the
 * Delivery aggregate in the engine's recording transaction. A failure with a retry ahead keeps the
 * deadline, moved to the retry's time; anything else ends it. A message is sent at least once: only
 * a crash, or a lease that ran out, between the provider's answer and the record sends it twice.
 * Before the attempt, {@link Throttles} may hold back a repeat, and {@link StormBundles} may hold a
 * first attempt for a storm's one message.
 */
@ApplicationScoped
public class DeliveryAttempts implements DeadlineModule {

    public static final String KIND = "delivery.attempt";
    private static final Logger LOG = Logger.getLogger(DeliveryAttempts.class);

    private final Deliveries deliveries;
    private final Providers providers;
    private final Clock clock;
    private final Throttles throttles;
    private final StormBundles bundles;

    DeliveryAttempts(Deliveries deliveries, Providers providers, Clock clock, Throttles throttles,
            StormBundles bundles) {
        this.deliveries = deliveries;
        this.providers = providers;
        this.clock = clock;
        this.throttles = throttles;
        this.bundles = bundles;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        return deliveries.load(deadline.ref()).chain(loaded -> {
            Delivery delivery = loaded.state();
            if (!delivery.status().open()) {
                return Uni.createFrom().item(Outcome.done());
            }
            // Throttled first: a repeat held back must not open a storm's window for a message never sent.
            return throttles.reason(delivery).chain(throttled -> throttled.isPresent()
                    ? Uni.createFrom().item(record(deadline.ref(), new Cancel(throttled.get(), clock.instant())))
                    : bundles.holdUntil(delivery).chain(until -> until.isPresent()
                            ? Uni.createFrom().item(bundles.hold(deadline.ref(), until.get()))
                            : send(delivery)));
        });
    }

    private Uni<Outcome> send(Delivery delivery) {
        return providers.send(delivery.channel(), new Attempt(delivery.id(), delivery.notification(), delivery.address()))
                .map(sent -> record(delivery.id(), command(sent, clock.instant())));
    }

    /** Decides on the delivery as it stands when recording, so the record never appends on a stale version. */
    private Outcome record(String deliveryId, DeliveryCommand command) {
        return () -> deliveries.execute(deliveryId, command).map(decided -> next(decided.state()));
    }

    /** Logs where the delivery now stands, and says when its deadline fires again: its next attempt, if any. */
    static Optional<Instant> next(Delivery after) {
        log(after);
        return after.status().open() ? Optional.ofNullable(after.nextAttemptAt()) : Optional.empty();
    }

    static DeliveryCommand command(SendOutcome outcome, Instant now) {
        return outcome instanceof SendOutcome.Failed failed
                ? new RecordFailure(failed.error(), failed.recoverable(), now)
                : new RecordSent(now);
    }

    private static void log(Delivery after) {
        switch (after.status()) {
            case SENT -> LOG.infof("delivery %s sent by %s (attempt %d) for page %s", after.id(), after.channel(),
                    after.attempts(), after.notification().pageId());
            // A provider's answer often quotes the address it refused; the log keeps ids only.
            case FAILED -> LOG.warnf("delivery %s attempt %d failed, next at %s: %s", after.id(), after.attempts(),
                    after.nextAttemptAt(), Redaction.maskAddresses(after.lastError()));
            case ABANDONED -> LOG.warnf("delivery %s to %s abandoned for page %s: %s", after.id(),
                    after.notification().userId(), after.notification().pageId(),
                    Redaction.maskAddresses(after.lastError()));
            case HELD -> LOG.infof("delivery %s for page %s held for a storm's bundle, at the latest until %s",
                    after.id(), after.notification().pageId(), after.nextAttemptAt());
            // The attempt was in flight when the page closed: recorded, and nothing follows it.
            case CANCELLED -> LOG.infof("delivery %s ended cancelled after %d attempt(s): %s", after.id(),
                    after.attempts(), after.cancelReason());
            default -> {
            }
        }
    }
}
