package dev.tocsin.notifier.engine;

import dev.tocsin.eventing.Deadline;
import dev.tocsin.eventing.DeadlineModule;
import dev.tocsin.eventing.Deadlines;
import dev.tocsin.eventing.Sql;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.delivery.Deliveries;
import dev.tocsin.notifier.delivery.Delivery;
import dev.tocsin.notifier.delivery.DeliveryCommand.Hold;
import dev.tocsin.notifier.delivery.DeliveryStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One message for a storm's pages ({@code delivery.bundle} deadlines). A page's message to an SMS
 * number or push address opens a window of {@code tocsin.notifier.bundle.window} there
 * ({@code bundle_windows}); the first attempt of another delivery to it that falls due inside is
 * held ({@code HELD}) until the window's end, and every delivery held for that address then goes
 * in one message ("3 pages for checkout: …"), whose outcome is recorded on each and which opens the
 * next window. So a storm is one message per window, not one per page, and no page waits longer
 * than the window for its first message.
 *
 * <p>The bundle's deadline is one per person and address, armed by the first delivery held for it
 * and never moved by the others ({@link Deadlines#armIfAbsent}), so the one firing sends to all.
 * Each held delivery keeps its own attempt deadline one window later: if the bundle never took it
 * (it was held while the bundle was being sent, or the process died), it goes alone then.
 * Bundled messages are not throttled: each tells of pages the person has not heard of yet.
 */
@ApplicationScoped
public class StormBundles implements DeadlineModule {

    public static final String KIND = "delivery.bundle";
    private static final Logger LOG = Logger.getLogger(StormBundles.class);
    private static final Set<Channel> BUNDLED = Set.of(Channel.SMS, Channel.PUSH);
    /** Pages in one message at most; a larger storm's next message follows at once. */
    private static final int MAX_PAGES = 50;
    /**
     * Opens the address's window now unless one is open ({@code opened_at} after {@code $5}, now
     * minus the window); one statement, so of several first attempts firing at once exactly one
     * opens it and goes, and the others see it open.
     */
    private static final String OPEN_WINDOW = """
            insert into bundle_windows as w (user_id, channel, address, opened_at) values ($1, $2, $3, $4)
            on conflict (user_id, channel, address) do update set opened_at = excluded.opened_at
            where w.opened_at <= $5
            returning opened_at""";
    private static final String OPENED = """
            select opened_at from bundle_windows where user_id = $1 and channel = $2 and address = $3""";
    private static final String LOCK_MEMBERS = """
            select ref from deadlines where kind = $1 and ref = any($2) order by ref for update""";
    /** A bundle's message opens the next window itself, so a long storm is one message per window. */
    private static final String REOPEN = """
            insert into bundle_windows (user_id, channel, address, opened_at) values ($1, $2, $3, $4)
            on conflict (user_id, channel, address) do update set opened_at = excluded.opened_at""";
    private static final String HELD = """
            select id from deliveries where user_id = $1 and channel = $2 and address = $3 and status = 'HELD'
            order by updated_at, id limit $4""";

    private static final Comparator<Delivery> OLDEST_FIRST = Comparator
            .comparing((Delivery member) -> member.notification().requestedAt()).thenComparing(Delivery::id);

    private final Deliveries deliveries;
    private final Deadlines deadlines;
    private final Providers providers;
    private final NotifierConfig config;
    private final Clock clock;

    StormBundles(Deliveries deliveries, Deadlines deadlines, Providers providers, NotifierConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.deadlines = deadlines;
        this.providers = providers;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Until when {@code delivery}'s first attempt is held for a bundle: the end of the window open
     * on its address; empty when none is, and then this attempt opens one and goes now.
     */
    Uni<Optional<Instant>> holdUntil(Delivery delivery) {
        Duration window = config.bundle().window();
        if (!window.isPositive() || delivery.status() != DeliveryStatus.PENDING || !BUNDLED.contains(delivery.channel())
                || delivery.notification().alertId() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        Instant now = clock.instant();
        Tuple address = Tuple.of(delivery.notification().userId(), delivery.channel().name(), delivery.address());
        return Sql.client().preparedQuery(OPEN_WINDOW)
                .execute(Tuple.of(address.getString(0), address.getString(1), address.getString(2), Sql.at(now),
                        Sql.at(now.minus(window))))
                .chain(opened -> opened.size() > 0 ? Uni.createFrom().item(Optional.<Instant>empty())
                        : Sql.client().preparedQuery(OPENED).execute(address).map(rows -> rows.size() == 0
                                ? Optional.<Instant>empty()
                                : Optional.of(Sql.instant(rows.iterator().next(), 0).plus(window))
                                        .filter(until -> until.isAfter(now))));
    }

    /** The outcome that holds the delivery and arms its address's bundle, unless another firing changed it since. */
    DeadlineModule.Outcome hold(String deliveryId, Instant until) {
        Instant now = clock.instant();
        return () -> deliveries.execute(deliveryId, new Hold(until, until.plus(config.bundle().window()), now))
                .chain(decided -> {
                    Delivery after = decided.state();
                    Uni<Void> armed = after.status() != DeliveryStatus.HELD ? Uni.createFrom().voidItem()
                            : deadlines.armIfAbsent(KIND, key(after), until, new JsonObject()
                                    .put("userId", after.notification().userId())
                                    .put("channel", after.channel().name())
                                    .put("address", after.address()).encode());
                    return armed.map(done -> DeliveryAttempts.next(after));
                });
    }

    private static String key(Delivery delivery) {
        return delivery.notification().userId() + "|" + delivery.channel().name() + "|" + delivery.address();
    }

    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        JsonObject key = new JsonObject(deadline.payload());
        Channel channel = Channel.valueOf(key.getString("channel"));
        String address = key.getString("address");
        return Sql.client().preparedQuery(HELD)
                .execute(Tuple.of(key.getString("userId"), channel.name(), address, MAX_PAGES))
                .map(rows -> {
                    List<String> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                })
                .chain(ids -> Multi.createFrom().iterable(ids).onItem()
                        .transformToUniAndConcatenate(id -> deliveries.load(id).map(Deliveries.Loaded::state))
                        .filter(member -> member.status() == DeliveryStatus.HELD)
                        .collect().asList()
                        .map(members -> members.stream().sorted(OLDEST_FIRST).toList())
                        .chain(members -> members.isEmpty() ? Uni.createFrom().item(Outcome.done())
                                : send(channel, address, members).map(sent -> record(members, sent,
                                        ids.size() == MAX_PAGES))));
    }

    private Uni<SendOutcome> send(Channel channel, String address, List<Delivery> members) {
        Delivery first = members.get(0);
        String userId = first.notification().userId();
        List<Notification> others = members.subList(1, members.size()).stream().map(Delivery::notification).toList();
        LOG.infof("one message by %s to %s about %d page(s)", channel, userId, members.size());
        return Sql.client().preparedQuery(REOPEN).execute(Tuple.of(userId, channel.name(), address,
                        Sql.at(clock.instant())))
                .chain(() -> providers.send(channel, new Attempt(first.id(), first.notification(), address, others)));
    }

    /**
     * The message's outcome on every member; each member's own attempt deadline then goes (sent,
     * abandoned) or moves to its retry, which it makes alone. Those deadlines are locked first, as a
     * page's cancellation locks them, so a member cancelled meanwhile is recorded after (or before)
     * the cancellation, never beside it.
     */
    private Outcome record(List<Delivery> members, SendOutcome sent, boolean more) {
        return () -> {
            Instant now = clock.instant();
            String[] ids = members.stream().map(Delivery::id).toArray(String[]::new);
            return Sql.connection().preparedQuery(LOCK_MEMBERS).execute(Tuple.of(DeliveryAttempts.KIND, ids))
                    .chain(() -> Multi.createFrom().iterable(members).onItem()
                            .transformToUniAndConcatenate(member -> record(member, sent, now))
                            .collect().asList())
                    .map(done -> more ? Optional.of(now) : Optional.<Instant>empty());
        };
    }

    private Uni<Void> record(Delivery member, SendOutcome sent, Instant now) {
        return deliveries.execute(member.id(), DeliveryAttempts.command(sent, now)).chain(decided -> {
            Optional<Instant> next = DeliveryAttempts.next(decided.state());
            return next.isPresent() ? deadlines.arm(DeliveryAttempts.KIND, member.id(), next.get(), "{}")
                    : deadlines.cancel(DeliveryAttempts.KIND, member.id());
        });
    }
}
