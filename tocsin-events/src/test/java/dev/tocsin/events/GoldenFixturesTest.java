package dev.tocsin.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON of each event type is a published contract: other services, and older releases of
 * them, read it. A change that alters the bytes of an existing {@code ce_type} fails here and must
 * become a new version instead. Run with {@code -Dgolden.write=true} only to create the fixture of
 * a new type.
 */
class GoldenFixturesTest {

    static Stream<EventType> types() {
        return EventTypes.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("types")
    void serializesExactlyAsTheFixture(EventType type) throws IOException {
        IntegrationEvent sample = Samples.of(type.recordType());
        String json = EventJson.write(sample);
        if (Boolean.getBoolean("golden.write")) {
            Path file = Path.of("src/test/resources/golden", type.ceType() + ".json");
            Files.writeString(file, EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n");
        }
        JsonNode fixture = EventJson.MAPPER.readTree(fixture(type));
        assertEquals(fixture, EventJson.MAPPER.readTree(json));
    }

    @ParameterizedTest
    @MethodSource("types")
    void fixtureReadsBackToTheSameEvent(EventType type) throws IOException {
        IntegrationEvent read = EventJson.readEvent(type.ceType(), fixture(type)).orElseThrow();
        assertEquals(Samples.of(type.recordType()), read);
    }

    @ParameterizedTest
    @MethodSource("types")
    void anOptionalFieldAddedLaterDoesNotBreakThisRelease(EventType type) throws IOException {
        // A producer one release ahead may add optional fields without changing the version.
        String newer = fixture(type).replaceFirst("\\{", "{\"addedInALaterRelease\":\"x\",");
        assertEquals(Samples.of(type.recordType()), EventJson.readEvent(type.ceType(), newer).orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("types")
    void eachTypeTravelsOnOneTopicAndNamesItsVersion(EventType type) {
        assertTrue(type.ceType().matches("tocsin\\.[a-z-]+\\.[a-z]+\\.v\\d+"), type.ceType());
        assertTrue(type.topic().startsWith("tocsin."), type.topic());
    }

    private static String fixture(EventType type) throws IOException {
        try (InputStream in = GoldenFixturesTest.class.getResourceAsStream("/golden/" + type.ceType() + ".json")) {
            if (in == null) {
                throw new IOException("no golden fixture for " + type.ceType());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
