package dev.tocsin.escalation.page;

import dev.tocsin.escalation.EscalationConfig;
import dev.tocsin.eventing.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

/**
 * Unrouted is loud: how many pages are open with nobody paged (status {@code UNROUTED}, their
 * alert not resolved), as the gauge {@code tocsin.pages.unrouted.open} and as the health check
 * {@code /q/health/group/routing}, DOWN while any is open, while no fallback policy is configured
 * or while the configured one does not exist, so an alert of an unconfigured service can never
 * page nobody unnoticed. The check counts in the database (every replica's pages); the gauge
 * follows this replica's changes after they commit, and the count at each check.
 *
 * <p>It is a group of its own, not readiness: a replica taken out of its load balancer would also
 * stop taking the acknowledgements and the configuration that mend the very problem (docs/design.md).
 */
@HealthGroup(UnroutedPages.GROUP)
@Default
@ApplicationScoped
public class UnroutedPages implements AsyncHealthCheck {

    private static final Logger LOG = Logger.getLogger(UnroutedPages.class);
    /** {@code /q/health/group/routing}. */
    public static final String GROUP = "routing";
    private static final String COUNT = "select count(*) from pages where status = 'UNROUTED'";
    private static final String FALLBACK_EXISTS = "select count(*) from escalation_policies where id = $1";

    private final AtomicLong open = new AtomicLong();
    private final EscalationConfig config;

    UnroutedPages(MeterRegistry registry, EscalationConfig config) {
        this.config = config;
        Gauge.builder("tocsin.pages.unrouted.open", open, AtomicLong::get)
                .description("pages open with nobody paged: no service policy, team default or fallback policy routed them")
                .register(registry);
    }

    void count(@Observes StartupEvent started) {
        count().subscribe().with(n -> { }, failure -> LOG.warnf("cannot count unrouted pages yet: %s", failure));
    }

    /** A page was recorded unrouted; called after its transaction committed. */
    public void opened() {
        open.incrementAndGet();
    }

    /** An unrouted page's alert resolved; called after its transaction committed. */
    public void closed() {
        open.updateAndGet(n -> Math.max(0, n - 1));
    }

    private Uni<Long> count() {
        return Sql.pool().query(COUNT).execute().map(rows -> {
            long n = rows.iterator().next().getLong(0);
            open.set(n);
            return n;
        });
    }

    private Uni<Boolean> fallbackExists(String policy) {
        return Sql.pool().preparedQuery(FALLBACK_EXISTS).execute(Tuple.of(policy))
                .map(rows -> rows.iterator().next().getLong(0) > 0);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Optional<String> fallback = config.fallbackPolicy();
        Uni<Boolean> exists = fallback.isEmpty() ? Uni.createFrom().item(false) : fallbackExists(fallback.get());
        return Uni.combine().all().unis(count(), exists).with((n, fallbackExists) -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("routing").withData("unroutedPages", n);
            if (fallback.isEmpty()) {
                return builder.down().withData("reason", "no fallback policy is configured "
                        + "(tocsin.escalation.fallback-policy): an alert of a service without a policy would page nobody")
                        .build();
            }
            builder.withData("fallbackPolicy", fallback.get());
            if (!fallbackExists) {
                return builder.down().withData("reason", "the fallback policy " + fallback.get() + " does not exist: "
                        + "an alert of a service without a policy would page nobody").build();
            }
            if (n > 0) {
                return builder.down().withData("reason", n + " page(s) open with nobody paged: "
                        + "GET /api/v1/pages?status=UNROUTED lists them with the reason").build();
            }
            return builder.up().build();
        }).onFailure().recoverWithItem(failure -> HealthCheckResponse.named("routing").down()
                .withData("error", failure.toString()).build());
    }
}
