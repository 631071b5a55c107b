package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Schedules that could hang or fail the service are refused, on-call questions are bounded in
 * time, big rotations are checked in one statement, and configuration lists page by cursor.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ScheduleLimitsIT {

    private static final String ADMIN = "Bearer test-admin-token";

    private static io.restassured.response.ValidatableResponse put(String path, String body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path).then();
    }

    private static String schedule(String zone, String start, String shift, String participants) {
        return "{\"name\":\"s\",\"timeZone\":\"" + zone + "\",\"rotation\":{\"start\":\"" + start
                + "\",\"shiftLength\":\"" + shift + "\",\"participants\":[" + participants + "]}}";
    }

    private static void user(String id) {
        put("/api/v1/users/" + id, "{\"name\":\"" + id + "\",\"timeZone\":\"UTC\"}")
                .statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Half a second used to be stored and then divide by zero in the consumer, for ever.
            "UTC | 2026-01-05T09:00:00 | PT0.5S | \"lim-a\" | rotation.shiftLength",
            // Zero and negative shifts never advance.
            "UTC | 2026-01-05T09:00:00 | PT0S | \"lim-a\" | rotation.shiftLength",
            "UTC | 2026-01-05T09:00:00 | P-7D | \"lim-a\" | rotation.shiftLength",
            // A shift longer than any date range overflows when it is added.
            "UTC | 2026-01-05T09:00:00 | PT2562047788015215H | \"lim-a\" | rotation.shiftLength",
            // A zone the rules do not know cannot answer who is on call.
            "Mars/Olympus | 2026-01-05T09:00:00 | P7D | \"lim-a\" | timeZone",
            // A start in the far past makes every answer a count over millions of years.
            "UTC | -999999-01-01T00:00:00 | P7D | \"lim-a\" | rotation.start",
            // A participant escalation could never page.
            "UTC | 2026-01-05T09:00:00 | P7D | \"Not A User\" | rotation.participants[0]",
            // Nobody to be on call.
            "UTC | 2026-01-05T09:00:00 | P7D | | rotation.participants"})
    void aScheduleWithoutAnAnswerIsRefusedNamingTheField(String zone, String start, String shift, String people,
            String field) {
        user("lim-a");
        put("/api/v1/schedules/lim-bad", schedule(zone, start, shift, people == null ? "" : people))
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
        given().header("Authorization", ADMIN).get("/api/v1/schedules/lim-bad/on-call").then().statusCode(404);
    }

    @Test
    void onCallAtAnInstantFarAwayIsRefusedQuickly() {
        user("lim-a");
        user("lim-b");
        put("/api/v1/schedules/lim-daily", schedule("Europe/Berlin", "2026-01-05T09:00:00", "P1D", "\"lim-a\",\"lim-b\""))
                .statusCode(anyOf(equalTo(200), equalTo(201)));
        // This instant used to loop for ever on an event-loop thread.
        given().header("Authorization", ADMIN).queryParam("at", "+100000000-01-01T00:00:00Z")
                .get("/api/v1/schedules/lim-daily/on-call").then().statusCode(400)
                .body("errors[0].field", equalTo("at")).body("errors[0].message", containsString("10 years"));
        // 2030-06-01 is 1,608 days after the start, an even shift: the first participant's; the day before, the second's.
        given().header("Authorization", ADMIN).queryParam("at", "2030-06-01T12:00:00Z")
                .get("/api/v1/schedules/lim-daily/on-call").then().statusCode(200).body("primary", equalTo("lim-a"));
        given().header("Authorization", ADMIN).queryParam("at", "2030-05-31T12:00:00Z")
                .get("/api/v1/schedules/lim-daily/on-call").then().statusCode(200).body("primary", equalTo("lim-b"));
    }

    @Test
    void aRotationOfAThousandIsCheckedAtOnceAndOneMoreIsRefused() {
        for (int i = 0; i < 1000; i++) {
            user("big-" + i);
        }
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "\"big-" + i + "\"").collect(Collectors.joining(","));
        long began = System.nanoTime();
        put("/api/v1/schedules/lim-big", schedule("UTC", "2026-01-05T09:00:00", "P7D", thousand))
                .statusCode(anyOf(equalTo(200), equalTo(201)));
        assertTrue(Duration.ofNanos(System.nanoTime() - began).toSeconds() < 5, "a rotation of 1,000 took over 5 s");
        put("/api/v1/schedules/lim-big", schedule("UTC", "2026-01-05T09:00:00", "P7D", thousand + ",\"big-0\""))
                .statusCode(400).body("errors[0].field", equalTo("rotation.participants"));
        // One unknown participant among many is named by its position.
        put("/api/v1/schedules/lim-big", schedule("UTC", "2026-01-05T09:00:00", "P7D", "\"big-1\",\"nobody-here\""))
                .statusCode(400).body("errors[0].field", equalTo("rotation.participants[1]"));
    }

    @Test
    void aRequestLineOverQuarkusLimitIsRefusedBeforeAnyCode() {
        // The HTTP server answers this itself, without a body: documented in docs/design.md.
        given().header("Authorization", ADMIN).queryParam("at", "x".repeat(8192))
                .get("/api/v1/schedules/lim-daily/on-call").then().statusCode(414);
    }

    @Test
    void aBodyOver256KiBIsRefusedWith413ProblemJson() {
        put("/api/v1/users/too-big", "{\"name\":\"" + "x".repeat(300 * 1024) + "\",\"timeZone\":\"UTC\"}")
                .statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void listsPageByCursorAndRefuseABadLimitOrCursor() {
        for (int i = 0; i < 5; i++) {
            user("page-" + i);
        }
        // Every user sorts after the cursor of the one before it; walk from page-0 in pages of two.
        Response first = given().header("Authorization", ADMIN).queryParam("limit", 2).get("/api/v1/users");
        first.then().statusCode(200).body("size()", equalTo(2));
        String link = first.header("Link");
        assertTrue(link != null && link.endsWith("; rel=\"next\""), "no next link: " + link);
        String next = link.substring(1, link.indexOf('>'));
        Response second = given().header("Authorization", ADMIN).get(next);
        second.then().statusCode(200).body("size()", equalTo(2));
        assertTrue(first.jsonPath().getString("[1].id").compareTo(second.jsonPath().getString("[0].id")) < 0);
        given().header("Authorization", ADMIN).queryParam("limit", "ten").get("/api/v1/users").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("Authorization", ADMIN).queryParam("limit", 1001).get("/api/v1/schedules").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        given().header("Authorization", ADMIN).queryParam("cursor", "%%%").get("/api/v1/services").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", ADMIN).queryParam("limit", 1000).get("/api/v1/escalation-policies").then()
                .statusCode(200).header("Link", nullValue());
    }
}
