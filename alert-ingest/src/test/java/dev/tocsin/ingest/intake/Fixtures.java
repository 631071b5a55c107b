package dev.tocsin.ingest.intake;

import dev.tocsin.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the vendors' example payloads under {@code src/test/resources/formats/} (their origins are
 * listed in that folder's README.md), with a mapper that, like Quarkus', ignores unknown fields.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/formats/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(String name, Class<T> type) {
        try {
            return EventJson.MAPPER.readValue(bytes(name), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
