package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The layered schedule API of docs/schedules.md against the real stack: a schedule of a weekly
 * primary layer, a weekday-hours layer over it and a daily secondary layer is stored and answered
 * as put; overrides, swaps between people's own tokens, health, gaps, the schedule's calendar and a
 * person's secret feed change and report who is on call as a responder would see it.
 *
 * <p>The test clock only moves forward, so every instant is reckoned from {@link #handoff}, the
 * Monday 09:00 UTC two to three weeks before the clock's now: its shifts lie inside the feeds'
 * 30 days back, and the expected people below are counted by hand from it.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ScheduleApiIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TestClock clock;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String ann = "ann-" + run;
    private final String bob = "bob-" + run;
    private final String cat = "cat-" + run;
    private final String dan = "dan-" + run;
    private final String schedule = "layered-" + run;
    private final String path = "/api/v1/schedules/" + schedule;
    private Instant now;
    private LocalDateTime handoff;
    private Instant start;

    @BeforeEach
    void schedule() {
        now = clock.instant();
        handoff = LocalDateTime.ofInstant(now.minus(Duration.ofDays(14)), ZoneOffset.UTC)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS).withHour(9);
        if (handoff.toInstant(ZoneOffset.UTC).isAfter(now.minus(Duration.ofDays(14)))) {
            handoff = handoff.minusWeeks(1);
        }
        start = handoff.toInstant(ZoneOffset.UTC);
        for (String person : List.of(ann, bob, cat, dan)) {
            put("/api/v1/users/" + person, "{\"name\":\"" + person + "\",\"timeZone\":\"UTC\"}")
                    .statusCode(anyOf(equalTo(200), equalTo(201)));
        }
        put(path, layered(handoff.toString(), ann)).statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    /**
     * {@code week}: ann, bob, cat a week each from the handoff; {@code office}: dan on weekdays 09:00-17:00,
     * over {@code week} for the primary; {@code daily}: cat then ann, a day each, the secondary.
     */
    private String layered(String weekHandoff, String firstOfWeek) {
        return "{\"name\":\"Layered\",\"layers\":["
                + "{\"id\":\"week\",\"cadence\":\"P7D\",\"handoff\":\"" + weekHandoff + "\",\"zone\":\"UTC\","
                + "\"participants\":[\"" + firstOfWeek + "\",\"" + bob + "\",\"" + cat + "\"]},"
                + "{\"id\":\"office\",\"cadence\":\"P7D\",\"handoff\":\"" + handoff + "\",\"zone\":\"UTC\","
                + "\"participants\":[\"" + dan + "\"],\"restrictions\":[{\"days\":[\"MONDAY\",\"TUESDAY\","
                + "\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"],\"from\":\"09:00:00\",\"until\":\"17:00:00\"}]},"
                + "{\"id\":\"daily\",\"cadence\":\"P1D\",\"handoff\":\"" + handoff + "\",\"zone\":\"UTC\","
                + "\"participants\":[\"" + cat + "\",\"" + ann + "\"]}],"
                + "\"roles\":{\"PRIMARY\":[\"week\",\"office\"],\"SECONDARY\":[\"daily\"]},"
                + "\"people\":[{\"id\":\"" + ann + "\",\"timeZone\":\"UTC\"},{\"id\":\"" + bob + "\",\"timeZone\":\"UTC\"},"
                + "{\"id\":\"" + cat + "\",\"timeZone\":\"UTC\"},{\"id\":\"" + dan + "\",\"timeZone\":\"UTC\"}]}";
    }

    @Test
    void aLayeredScheduleIsAnsweredAsPutAndByItsLayers() {
        JsonPath got = call(TestTokens.ADMIN).get(path).then().statusCode(200).extract().jsonPath();
        assertEquals("Layered", got.getString("name"));
        assertEquals(List.of("week", "office", "daily"), got.getList("layers.id"));
        assertEquals("P7D", got.getString("layers[0].cadence"));
        assertEquals(handoff, LocalDateTime.parse(got.getString("layers[0].handoff")));
        assertEquals(List.of(ann, bob, cat), got.getList("layers[0].participants"));
        assertEquals(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                got.getList("layers[1].restrictions[0].days"));
        assertEquals(List.of(cat, ann), got.getList("layers[2].participants"));
        assertEquals(Map.of("PRIMARY", List.of("week", "office"), "SECONDARY", List.of("daily")), got.getMap("roles"));
        assertEquals(List.of(ann, bob, cat, dan), got.getList("people.id"));

        // Tuesday 20:00 of the second week: week's second person, outside office hours; day 8 of the daily layer is
        // cat's. The primary's shift is the part of bob's week that shows through, Tuesday 17:00 to Wednesday 09:00.
        onCall(start.plus(Duration.ofDays(8)).plus(Duration.ofHours(11))).body("primary", equalTo(bob))
                .body("secondary", equalTo(cat)).body("primaryShift.layer", equalTo("week"))
                .body("shiftStart", equalTo(start.plus(Duration.ofDays(8)).plus(Duration.ofHours(8)).toString()))
                .body("shiftEnd", equalTo(start.plus(Duration.ofDays(9)).toString()))
                .body("secondaryShift.start", equalTo(start.plus(Duration.ofDays(8)).toString()));
        // Tuesday 12:00: office hours, where the restricted layer wins; day 8 still.
        onCall(start.plus(Duration.ofDays(8)).plus(Duration.ofHours(3))).body("primary", equalTo(dan))
                .body("primaryShift.layer", equalTo("office")).body("secondary", equalTo(cat))
                .body("shiftEnd", equalTo(start.plus(Duration.ofDays(8)).plus(Duration.ofHours(8)).toString()));
        // Saturday of the third week: cat's week; day 19 is odd, ann's.
        onCall(start.plus(Duration.ofDays(19))).body("primary", equalTo(cat)).body("secondary", equalTo(ann));
        // Before the first handoff nobody is on call.
        onCall(start.minusSeconds(1)).body("primary", nullValue()).body("secondary", nullValue());
    }

    @Test
    void anOverrideNamesItsPersonUntilItIsDeleted() {
        Instant from = start.plus(Duration.ofDays(8)).plus(Duration.ofHours(9));
        Instant to = from.plus(Duration.ofHours(12));
        Instant inside = from.plus(Duration.ofHours(2));
        String id = call(TestTokens.ADMIN).body("{\"person\":\"" + ann + "\",\"start\":\"" + from + "\",\"end\":\"" + to
                + "\",\"layer\":\"week\"}").post(path + "/overrides").then().statusCode(201)
                .body("person", equalTo(ann)).extract().path("id");
        call(TestTokens.ADMIN).get(path + "/overrides").then().statusCode(200).body("id", hasItem(id));
        onCall(inside).body("primary", equalTo(ann)).body("primaryShift.origin", equalTo("override"));
        List<Map<String, Object>> shifts = call(TestTokens.ADMIN).queryParam("from", from.toString())
                .queryParam("to", to.toString()).queryParam("role", "PRIMARY").get(path + "/shifts").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, shifts.size(), shifts.toString());
        assertEquals(ann, shifts.get(0).get("person"));
        assertEquals("override", shifts.get(0).get("origin"));
        assertEquals(id, shifts.get(0).get("overrideId"));
        assertEquals(bob, shifts.get(0).get("replaced"));
        assertEquals(from.toString(), shifts.get(0).get("start"));
        assertEquals(to.toString(), shifts.get(0).get("end"));

        call(TestTokens.ADMIN).delete(path + "/overrides/" + id).then().statusCode(204);
        onCall(inside).body("primary", equalTo(bob)).body("primaryShift.origin", equalTo("rotation"));
        call(TestTokens.ADMIN).delete(path + "/overrides/" + id).then().statusCode(404);
    }

    @Test
    void aSwapIsAcceptedOnlyByItsCounterpart() {
        String team = "sched-" + run;
        String bobs = personToken(team, bob);
        String anns = personToken(team, ann);
        String cats = personToken(team, cat);
        // Wednesday night of bob's week.
        Instant from = start.plus(Duration.ofDays(9)).plus(Duration.ofHours(9));
        Instant to = from.plus(Duration.ofHours(12));
        Instant inside = from.plus(Duration.ofHours(2));
        String swap = call(bobs).body("{\"counterpart\":\"" + ann + "\",\"start\":\"" + from + "\",\"end\":\"" + to
                + "\",\"layer\":\"week\"}").post(path + "/swaps").then().statusCode(201)
                .body("requester", equalTo(bob)).body("status", equalTo("REQUESTED")).extract().path("id");
        // Requested is not yet accepted.
        onCall(inside).body("primary", equalTo(bob));
        call(cats).post(path + "/swaps/" + swap + "/accept").then().statusCode(403);
        call(bobs).post(path + "/swaps/" + swap + "/accept").then().statusCode(403);
        call(anns).post(path + "/swaps/" + swap + "/accept").then().statusCode(200).body("status", equalTo("ACCEPTED"));
        onCall(inside).body("primary", equalTo(ann)).body("primaryShift.origin", equalTo("swap"))
                .body("primaryShift.swapId", equalTo(swap)).body("primaryShift.replaced", equalTo(bob));
        // Outside the range the rotation holds.
        onCall(to.plusSeconds(60)).body("primary", equalTo(bob));
        call(anns).post(path + "/swaps/" + swap + "/accept").then().statusCode(409);
    }

    @Test
    void healthAndGapsReportAScheduleWithNobodyOutOfHours() {
        String gappy = "/api/v1/schedules/gappy-" + run;
        put(gappy, "{\"name\":\"Office only\",\"layers\":[{\"id\":\"office\",\"cadence\":\"P7D\",\"handoff\":\""
                + handoff + "\",\"zone\":\"UTC\",\"participants\":[\"" + dan + "\"],\"restrictions\":[{\"days\":"
                + "[\"MONDAY\"],\"from\":\"09:00:00\",\"until\":\"17:00:00\"}]}],\"roles\":{\"PRIMARY\":[\"office\"]}}")
                .statusCode(anyOf(equalTo(200), equalTo(201)));
        Instant monday = start.plus(Duration.ofDays(7)).minus(Duration.ofHours(9));
        String from = monday.toString();
        String to = monday.plus(Duration.ofDays(1)).toString();
        call(TestTokens.ADMIN).queryParam("from", from).queryParam("to", to).get(gappy + "/gaps").then()
                .statusCode(200).body("size()", equalTo(2))
                .body("[0].start", equalTo(from)).body("[0].end", equalTo(monday.plus(Duration.ofHours(9)).toString()))
                .body("[1].start", equalTo(monday.plus(Duration.ofHours(17)).toString())).body("[1].end", equalTo(to));
        call(TestTokens.ADMIN).queryParam("from", from).queryParam("to", to).get(gappy + "/health").then()
                .statusCode(200).body("warnings.type", hasItem("NoPrimary")).body("shares.person", hasItem(dan));
        // The layered schedule has a primary all the time from its first handoff.
        call(TestTokens.ADMIN).queryParam("from", start.toString()).queryParam("to", start.plus(Duration.ofDays(21))
                .toString()).get(path + "/gaps").then().statusCode(200).body("$", empty());
        call(TestTokens.ADMIN).get(path + "/health").then().statusCode(200).body("warnings.type", not(hasItem("NoPrimary")));
    }

    @Test
    void theCalendarHoldsTheShiftsAndAPersonsSecretFeedHoldsTheirs() {
        ICalendar calendar = Biweekly.parse(call(TestTokens.ADMIN).get(path + "/calendar.ics").then().statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asString()).first();
        // The feed covers 30 days back to 90 ahead, over the shifts' 93-day limit: ask in two parts split at a
        // Monday 09:00, where every layer hands off, so no shift is cut.
        Instant back = now.minus(Duration.ofDays(30));
        Instant split = start.plus(Duration.ofDays(56));
        Instant ahead = now.plus(Duration.ofDays(90));
        List<List<Instant>> shifts = new ArrayList<>(spans(back, split));
        shifts.addAll(spans(split, ahead));
        List<List<Instant>> events = spans(calendar);
        shifts.sort(ScheduleApiIT::byStart);
        events.sort(ScheduleApiIT::byStart);
        assertFalse(events.isEmpty());
        assertEquals(shifts, events);

        var issued = call(TestTokens.ADMIN).post("/api/v1/users/" + ann + "/calendar-secret").then().statusCode(201)
                .header("Cache-Control", "no-store").body("person", equalTo(ann)).extract();
        String url = issued.path("url");
        assertTrue(url.contains("/calendar/tcal_") && url.endsWith(".ics"), url);
        String feed = given().get(url).then().statusCode(200).contentType(startsWith("text/calendar")).extract()
                .asString();
        List<VEvent> mine = Biweekly.parse(feed).first().getEvents();
        assertFalse(mine.isEmpty());
        for (VEvent e : mine) {
            assertTrue(e.getSummary().getValue().endsWith(": " + ann), e.getSummary().getValue());
        }
        // ann's shifts: her week layer weeks and her daily days, as many as the schedule's calendar names her.
        long hers = calendar.getEvents().stream().filter(e -> e.getSummary().getValue().endsWith(": " + ann)).count();
        assertEquals(hers, mine.size());

        String again = call(TestTokens.ADMIN).post("/api/v1/users/" + ann + "/calendar-secret").then()
                .statusCode(201).extract().path("url");
        given().get(url).then().statusCode(404);
        given().get(again).then().statusCode(200);
        given().get("/calendar/tcal_" + "A".repeat(43) + ".ics").then().statusCode(404);
        given().get("/calendar/not-a-secret.ics").then().statusCode(404);
    }

    @Test
    void badInputIsRefusedNamingThePath() {
        put(path, layered("next monday", ann)).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("layers[0].handoff"));
        put(path, layered(handoff.toString(), "nobody-" + run)).statusCode(400)
                .body("errors.field", hasItem("layers[0].participants[0]"));
        put(path, layered(handoff.toString(), ann).replace("\"PRIMARY\":[\"week\",\"office\"]",
                "\"PRIMARY\":[\"week\",\"nowhere\"]")).statusCode(400).body("errors.field", hasItem("roles.PRIMARY[1]"));
        call(TestTokens.ADMIN).queryParam("from", start.toString()).queryParam("to", start.plus(Duration.ofDays(94))
                .toString()).get(path + "/shifts").then().statusCode(400).body("errors.field", hasItem("to"));
        call(TestTokens.ADMIN).body("{\"person\":\"" + ann + "\",\"start\":\"" + start + "\",\"end\":\"" + start
                .plusSeconds(60) + "\",\"layer\":\"nowhere\"}").post(path + "/overrides").then().statusCode(400)
                .body("errors.field", hasItem("layer"));
        // The refused PUTs left the schedule as it was.
        onCall(start.plus(Duration.ofDays(8)).plus(Duration.ofHours(11))).body("primary", equalTo(bob));
    }

    private ValidatableResponse onCall(Instant at) {
        return call(TestTokens.ADMIN).queryParam("at", at.toString()).get(path + "/on-call").then().statusCode(200);
    }

    private List<List<Instant>> spans(Instant from, Instant to) {
        List<Map<String, String>> shifts = call(TestTokens.ADMIN).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get(path + "/shifts").then().statusCode(200).extract().jsonPath()
                .getList("$");
        List<List<Instant>> spans = new ArrayList<>();
        for (Map<String, String> s : shifts) {
            spans.add(List.of(Instant.parse(s.get("start")), Instant.parse(s.get("end"))));
        }
        return spans;
    }

    private static List<List<Instant>> spans(ICalendar calendar) {
        List<List<Instant>> spans = new ArrayList<>();
        for (VEvent e : calendar.getEvents()) {
            spans.add(List.of(e.getDateStart().getValue().toInstant(), e.getDateEnd().getValue().toInstant()));
        }
        return spans;
    }

    private static int byStart(List<Instant> a, List<Instant> b) {
        int c = a.get(0).compareTo(b.get(0));
        return c != 0 ? c : a.get(1).compareTo(b.get(1));
    }

    /** A responder's token for {@code person}, in a team they belong to, once escalation-service has projected it. */
    private String personToken(String team, String person) {
        call(TestTokens.ADMIN).body("{\"id\":\"" + team + "\",\"name\":\"" + team + "\",\"timeZone\":\"UTC\"}")
                .post("/api/v1/teams").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        call(TestTokens.ADMIN).body("{\"role\":\"responder\"}").put("/api/v1/teams/" + team + "/members/" + person)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        String token = "Bearer " + call(TestTokens.ADMIN).body("{\"subject\":{\"kind\":\"person\",\"id\":\"" + person
                + "\"},\"teamRoles\":{\"" + team + "\":\"responder\"}}").post("/api/v1/tokens").then().statusCode(201)
                .extract().path("secret");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> call(token).get(path + "/swaps").then().statusCode(200));
        return token;
    }

    private static RequestSpecification call(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON);
    }

    private static ValidatableResponse put(String path, String body) {
        return call(TestTokens.ADMIN).body(body).put(path).then();
    }
}
