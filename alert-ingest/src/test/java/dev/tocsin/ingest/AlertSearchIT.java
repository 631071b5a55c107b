package dev.tocsin.ingest;

import static dev.tocsin.ingest.Intake.ADMIN;
import static dev.tocsin.ingest.Intake.alert;
import static dev.tocsin.ingest.Intake.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.store.AlertSearch;
import dev.tocsin.ingest.alert.store.ScanBudget;
import dev.tocsin.ingest.alert.store.SearchBusy;
import dev.tocsin.ingest.alert.store.SearchDatabase;
import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Alert search against real PostgreSQL: regex label matchers are RE2 and anchored, evaluated in the
 * service rather than by PostgreSQL's backtracking engine, and every read has a statement timeout
 * and a connection budget of its own, answered with 503 and Retry-After when it is spent.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class AlertSearchIT {

    @Inject
    SearchDatabase database;

    private static ValidatableResponse search(String service, String... labels) {
        var request = given().header("Authorization", ADMIN).queryParam("service", service);
        for (String label : labels) {
            request.queryParam("label", label);
        }
        return request.get("/api/v1/alerts").then();
    }

    @Test
    void labelRegexesAreRe2AndAnchoredLikeAlertmanagers() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        post(Intake.createKey(service).secret(), List.of(firing(service, "DiskFull", "db"),
                firing(service, "DiskSlow", "web"), firing(service, "CPUHigh", "db"))).statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> search(service).statusCode(200).body("$", hasSize(3)));

        search(service, "alertname=~\"Disk.*\"").statusCode(200)
                .body("labels.alertname", containsInAnyOrder("DiskFull", "DiskSlow"));
        // Anchored at both ends: a prefix alone matches nothing, an alternation is kept whole.
        search(service, "alertname=~Disk").statusCode(200).body("$", hasSize(0));
        search(service, "alertname=~\"CPUHigh|DiskFull\"").statusCode(200)
                .body("labels.alertname", containsInAnyOrder("CPUHigh", "DiskFull"));
        search(service, "alertname!~\"Disk.*\"").statusCode(200).body("labels.alertname", equalTo(List.of("CPUHigh")));
        // Regexes and equality matchers together; a missing label matches as "".
        search(service, "alertname=~\"Disk.*\"", "team=db").statusCode(200)
                .body("labels.alertname", equalTo(List.of("DiskFull")));
        search(service, "region=~\"\"", "team!~\"web\"").statusCode(200).body("$", hasSize(2));
        // RE2 syntax: (?i) flags work, lookahead is refused naming the parameter, in regex terms.
        search(service, "alertname=~\"(?i)diskfull\"").statusCode(200).body("$", hasSize(1));
        search(service, "alertname=~\"Disk(?=Full)\"").statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("label[0]")))
                .body("errors[0].message", containsString("RE2 has no lookahead"));
        search(service, "alertname=~\"" + "D".repeat(1025) + "\"").statusCode(400)
                .body("errors.field", equalTo(List.of("label[0]")));
        // The backtracking regex is decided like any other, and the limit still holds.
        search(service, "alertname=~\"(.*a){12}\"").statusCode(200).body("$", hasSize(0));
        given().header("Authorization", ADMIN).queryParam("service", service).queryParam("label", "alertname=~.+")
                .queryParam("limit", 2).get("/api/v1/alerts").then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void regexMatchersScanOnlyTheRowsOfTheirBudget() throws Exception {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        post(Intake.createKey(service).secret(), List.of(firing(service, "DiskFull", "db"),
                firing(service, "DiskSlow", "web"), firing(service, "CPUHigh", "db"))).statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> search(service).statusCode(200).body("$", hasSize(3)));
        AlertSearch every = new AlertSearch(service, null, null, null, AlertSearch.labels(List.of("alertname=~.+"),
                1024), null, null, null, 100);
        // Three rows match, but a budget of two rows scans two: the newest two the database selected.
        List<AlertRow> found = await(database.read(c -> every.run(c, null, ScanBudget.of(2, Duration.ofSeconds(5),
                Duration.ofSeconds(1)))));
        assertEquals(2, found.size());
        List<AlertRow> all = await(database.read(c -> every.run(c, null, database.budget())));
        assertEquals(all.subList(0, 2).stream().map(AlertRow::id).toList(), found.stream().map(AlertRow::id).toList());
        // Without a regex the database does all the work, and the row budget does not apply.
        AlertSearch equal = new AlertSearch(service, null, null, null, AlertSearch.labels(List.of("team!=x"), 1024),
                null, null, null, 100);
        assertEquals(3, await(database.read(c -> equal.run(c, null, ScanBudget.of(1, Duration.ofSeconds(5),
                Duration.ofSeconds(1))))).size());
    }

    @Test
    void readsOverTheirBudgetAreAnswered503WithRetryAfter() {
        int budget = database.config().maxConcurrent();
        CompletableFuture<Boolean> release = new CompletableFuture<>();
        List<CompletableFuture<Boolean>> held = new ArrayList<>();
        try {
            // Each read holds its permit (and its connection) until released: the budget is spent.
            for (int i = 0; i < budget; i++) {
                held.add(database.read(connection -> connection.query("select true").execute()
                        .chain(() -> Uni.createFrom().completionStage(release))).subscribeAsCompletionStage());
            }
            given().header("Authorization", ADMIN).get("/api/v1/alerts").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("detail", containsString("too many alert searches at once"));
        } finally {
            release.complete(true);
        }
        held.forEach(read -> assertTrue(read.orTimeout(30, TimeUnit.SECONDS).join()));
        // The budget is given back: the next search runs.
        given().header("Authorization", ADMIN).get("/api/v1/alerts?limit=1").then().statusCode(200);
    }

    @Test
    void aReadWhoseCallerWentAwayHoldsItsPermitUntilItsStatementsEnd() {
        int budget = database.config().maxConcurrent();
        CompletableFuture<Boolean> release = new CompletableFuture<>();
        List<CompletableFuture<Boolean>> finished = new ArrayList<>();
        try {
            for (int i = 0; i < budget; i++) {
                CompletableFuture<Boolean> done = new CompletableFuture<>();
                finished.add(done);
                // The caller cancels at once, as a client that disconnects does; the read goes on.
                database.read(connection -> connection.query("select true").execute()
                                .chain(() -> Uni.createFrom().completionStage(release))
                                .invoke(() -> done.complete(true)))
                        .subscribe().with(item -> { }).cancel();
            }
            SearchBusy busy = assertThrows(SearchBusy.class, () -> await(database.read(connection ->
                    connection.query("select 1").execute())));
            assertTrue(busy.getMessage().contains("too many alert searches at once"), busy.getMessage());
        } finally {
            release.complete(true);
        }
        finished.forEach(read -> assertTrue(read.orTimeout(30, TimeUnit.SECONDS).join()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(1,
                await(database.read(connection -> connection.query("select 1").execute())).size()));
    }

    @Test
    void aReadThatRunsTooLongIsStoppedByTheDatabase() {
        // pg_sleep stands for any expensive query: statement_timeout (5 s) cancels it, not the client.
        SearchBusy stopped = assertThrows(SearchBusy.class, () -> await(database.read(connection ->
                connection.query("select pg_sleep(30)").execute())));
        assertTrue(stopped.getMessage().contains("ran longer than 5000 ms"), stopped.getMessage());
    }

    @Test
    void aReadIsReadOnly() {
        // A read's transaction refuses writes: a search cannot change what the pipeline decided.
        Throwable refused = assertThrows(Throwable.class, () -> await(database.read(connection ->
                connection.query("delete from alerts where false").execute())));
        assertTrue(refused.getMessage().contains("read-only transaction"), refused.getMessage());
    }

    private static <T> T await(Uni<T> read) {
        return read.await().atMost(Duration.ofSeconds(30));
    }

    private static Map<String, Object> firing(String service, String alertname, String team) {
        return alert(Map.of("alertname", alertname, "service", service, "team", team, "severity", "warning"),
                Map.of("summary", alertname + " on " + service), null);
    }
}
