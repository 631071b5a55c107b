package dev.tocsin.escalation.page;

import dev.tocsin.escalation.EscalationConfig;
import dev.tocsin.eventing.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Unrouted is loud: how many pages are open with nobody paged (status {@code UNROUTED}, their
 * alert not resolved), as the gauge {@code tocsin.pages.unrouted.open} and as a readiness check
 * that is DOWN while any is open or no fallback policy is configured, so an alert of an
 * unconfigured service can never page nobody unnoticed. The check counts in the database (every
 * replica's pages); the gauge follows this replica's changes after they commit, and the count at
 * each check.
 */
@Readiness
@ApplicationScoped
public class UnroutedPages implements AsyncHealthCheck {

    private static final Logger LOG = Logger.getLogger(UnroutedPages.class);
    private static final String COUNT = "select count(*) from pages where status = 'UNROUTED'";

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

    @Override
    public Uni<HealthCheckResponse> call() {
        return count().map(n -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("routing").withData("unroutedPages", n);
            if (config.fallbackPolicy().isEmpty()) {
                return builder.down().withData("reason", "no fallback policy is configured "
                        + "(tocsin.escalation.fallback-policy): an alert of a service without a policy would page nobody")
                        .build();
            }
            builder.withData("fallbackPolicy", config.fallbackPolicy().get());
            if (n > 0) {
                return builder.down().withData("reason", n + " page(s) open with nobody paged: "
                        + "GET /api/v1/pages?status=UNROUTED lists them with the reason").build();
            }
            return builder.up().build();
        }).onFailure().recoverWithItem(failure -> HealthCheckResponse.named("routing").down()
                .withData("error", failure.toString()).build());
    }
}
