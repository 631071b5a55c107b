package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.testing.api.TestTokens;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** The configuration the page ITs share, put over the API as a team would. */
final class PageFixtures {

    private PageFixtures() {
    }

    /**
     * Alice and Bob; {@code <id>-oncall}, a weekly rotation of the two from 2020-01-06 09:00 UTC;
     * {@code <id>-policy}, notifying its primary, then its secondary, five minutes each, once; and
     * the critical service {@code <id>} paging by it. Putting it again changes nothing.
     */
    static void primaryThenSecondary(String id, String name) {
        put("/api/v1/users/alice", "{\"name\":\"Alice\",\"timeZone\":\"Europe/Berlin\"}");
        put("/api/v1/users/bob", "{\"name\":\"Bob\",\"timeZone\":\"Europe/Berlin\"}");
        put("/api/v1/schedules/" + id + "-oncall", "{\"name\":\"" + name + "\",\"timeZone\":\"UTC\",\"rotation\":"
                + "{\"start\":\"2020-01-06T09:00:00\",\"shiftLength\":\"P7D\",\"participants\":[\"alice\",\"bob\"]}}");
        put("/api/v1/escalation-policies/" + id + "-policy", "{\"name\":\"" + name + "\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"" + id + "-oncall\"}],\"deadline\":\"PT5M\"},"
                + "{\"targets\":[{\"type\":\"SCHEDULE_SECONDARY\",\"id\":\"" + id + "-oncall\"}],\"deadline\":\"PT5M\"}]}");
        put("/api/v1/services/" + id, "{\"name\":\"" + name + "\",\"criticality\":\"CRITICAL\","
                + "\"escalationPolicy\":\"" + id + "-policy\"}");
    }

    /** Puts a document as the bootstrap admin; created or replaced, anything else fails the test. */
    static void put(String path, String body) {
        given().header("Authorization", TestTokens.ADMIN).contentType(ContentType.JSON).body(body).put(path)
                .then().log().ifValidationFails().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    /** When the engine's deadline {@code kind}/{@code ref} is due, read from its table; empty when none is armed. */
    static Optional<Instant> deadline(DataSource database, String kind, String ref) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select due_at from deadlines where kind = ? and ref = ?")) {
            select.setString(1, kind);
            select.setString(2, ref);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }
}
