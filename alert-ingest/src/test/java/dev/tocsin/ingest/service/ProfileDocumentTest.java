package dev.tocsin.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tocsin.events.EventJson;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.eventing.api.Problem;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.FieldErrors;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileDocumentTest {

    private static final String VALID = """
            {"name": "Checkout", "criticality": "USER_FACING",
             "slos": [{"name": "availability", "objective": 99.9, "window": "P30D"},
                      {"name": "latency_p99", "objective": 99, "window": "P28D"}],
             "urgencyRules": [{"matchers": [{"name": "alertname", "op": "=~", "value": "Disk.*"}],
                               "urgency": "TICKET", "comment": "disks fill over days"}],
             "businessHours": {"timeZone": "Europe/Berlin", "days": ["MONDAY", "FRIDAY"],
                               "start": "09:00", "end": "17:00"}}""";

    @Test
    void readsAValidProfile() {
        ServiceProfile profile = toProfile(VALID);
        assertEquals("Checkout", profile.name());
        assertEquals(ServiceProfile.Criticality.USER_FACING, profile.criticality());
        assertEquals(new Slo("availability", 99.9, Duration.ofDays(30)), profile.slos().get(0));
        assertEquals(Urgency.TICKET, profile.urgencyRules().get(0).urgency());
        assertEquals(new BusinessHours(ZoneId.of("Europe/Berlin"), Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(17, 0)), profile.businessHours());
        // What is stored and answered reads back to the same profile.
        assertEquals(profile, toProfile(EventJson.write(ProfileDocument.of(profile))));
    }

    @Test
    void aProfileWithoutBusinessHoursUsesTheDefault() {
        assertNull(toProfile("""
                {"name": "Batch", "criticality": "INTERNAL"}""").businessHours());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // An objective of 100% leaves no error budget; 0% is no objective.
            "slos[1].objective           | \"objective\": 99,           | \"objective\": 100,",
            "slos[1].objective           | \"objective\": 99,           | \"objective\": 0,",
            "slos[1].window              | \"window\": \"P28D\"         | \"window\": \"PT0S\"",
            "slos[1].window              | \"window\": \"P28D\"         | \"window\": \"thirty days\"",
            // SLO names go into alert labels and reasons: one form, unique per service.
            "slos[1].name                | \"latency_p99\"              | \"availability\"",
            "slos[1].name                | \"latency_p99\"              | \"Latency P99\"",
            // A rule with only empty-matching matchers would decide for every alert of the service.
            "urgencyRules[0].matchers    | \"op\": \"=~\", \"value\": \"Disk.*\" | \"op\": \"=~\", \"value\": \".*\"",
            "urgencyRules[0].matchers[0].value | \"value\": \"Disk.*\"   | \"value\": \"Disk(\"",
            "urgencyRules[0].urgency     | \"TICKET\"                   | \"SOON\"",
            "businessHours.timeZone      | \"Europe/Berlin\"            | \"Europe/Atlantis\"",
            "businessHours.end           | \"end\": \"17:00\"           | \"end\": \"08:00\"",
            "businessHours.start         | \"start\": \"09:00\"         | \"start\": \"9am\"",
            "businessHours.days          | [\"MONDAY\", \"FRIDAY\"]     | []",
            "businessHours.days[1]       | \"FRIDAY\"                   | \"FUNDAY\"",
            "criticality                 | \"USER_FACING\"              | \"VERY\""})
    void namesTheInvalidField(String field, String valid, String invalid) {
        String json = VALID.replace(valid, invalid);
        assertEquals(List.of(field), errors(json, "checkout"));
    }

    @Test
    void refusesAnInvalidServiceIdAndAMissingName() {
        assertEquals(List.of("id", "name"), errors("{\"criticality\": \"INTERNAL\"}", "Checkout!"));
    }

    @Test
    void refusesARuleWithoutMatchers() {
        assertEquals(List.of("urgencyRules[0].matchers"),
                errors("{\"name\": \"x\", \"criticality\": \"INTERNAL\", \"urgencyRules\": [{\"urgency\": \"PAGE\"}]}",
                        "checkout"));
    }

    private static ServiceProfile toProfile(String json) {
        FieldErrors errors = new FieldErrors();
        ServiceProfile profile = EventJson.read(json, ProfileDocument.class).toProfile("checkout", errors);
        errors.throwIfAny();
        return profile;
    }

    private static List<String> errors(String json, String id) {
        FieldErrors errors = new FieldErrors();
        assertNull(EventJson.read(json, ProfileDocument.class).toProfile(id, errors));
        ProblemException e = assertThrows(ProblemException.class, errors::throwIfAny);
        return e.problem().errors().stream().map(Problem.FieldError::field).toList();
    }
}
