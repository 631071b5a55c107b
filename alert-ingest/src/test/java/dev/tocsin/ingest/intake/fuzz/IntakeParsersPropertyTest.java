package dev.tocsin.ingest.intake.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.IntegrationEvent;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random and adversarial bodies through every intake parser ({@link IntakeFormat}): each body is
 * either refused with a client error or accepted, never an unexpected exception; and nothing
 * accepted carries a string the pipeline could not store or should not show (U+0000 and the other
 * C0 controls but tab, newline, carriage return; unpaired surrogates), checked by an oracle of its
 * own rather than by the code under test. Bodies: random bytes, random JSON, and mutations of each
 * format's valid example (hostile strings and names, wrong types, removed members, bad UTF-8).
 */
class IntakeParsersPropertyTest {

    /** Configured as Quarkus configures its mapper: unknown members ignored, java.time read. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Property(tries = 400)
    void mutatedExamplesAreRefusedOrAcceptedAsStorable(@ForAll IntakeFormat format, @ForAll Random random) {
        check(format, Mutations.mutate(format.exampleBody(), random));
    }

    @Property(tries = 200)
    void randomJsonIsRefusedOrAcceptedAsStorable(@ForAll IntakeFormat format, @ForAll Random random) {
        check(format, Mutations.write(Mutations.value(random, 0)));
    }

    @Property(tries = 200)
    void randomBytesAreRefusedOrAcceptedAsStorable(@ForAll IntakeFormat format, @ForAll("bytes") byte[] body) {
        check(format, body);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    }

    /**
     * The properties must be able to fail: every format's example is accepted, and with a NUL (as an
     * escape, or as overlong UTF-8) in its first summary or alertname, that alert is not: a one-event
     * format refuses the body (400), a batch keeps only its other alerts.
     */
    @Example
    void theExamplesAreAcceptedAndANulInThemIsNot() {
        for (IntakeFormat format : IntakeFormat.values()) {
            int all = accepted(format, format.exampleBody());
            assertTrue(all > 0, format.name());
            String example = new String(format.exampleBody(), StandardCharsets.UTF_8);
            String marked = example.replaceFirst("\"(summary|alertname)\"\\s*:\\s*\"", "$0MARK");
            assertTrue(marked.contains("MARK"), format.name());
            int withNul = accepted(format, marked.replace("MARK", "\\u0000").getBytes(StandardCharsets.UTF_8));
            int withOverlong = accepted(format, splice(marked.getBytes(StandardCharsets.UTF_8)));
            assertEquals(all == 1 ? -400 : all - 1, withNul, format.name() + " with \\u0000");
            // Bad UTF-8 refuses the whole body: it cannot be read as text at all.
            assertEquals(-400, withOverlong, format.name() + " with C0 80");
        }
    }

    /** How many events the body yields, or minus the status of its refusal. */
    private static int accepted(IntakeFormat format, byte[] body) {
        try {
            return format.accept(JSON, body).size();
        } catch (ProblemException e) {
            return -e.problem().status();
        }
    }

    private static byte[] splice(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1).replace("MARK", "\u00C0\u0080");
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void check(IntakeFormat format, byte[] body) {
        List<? extends IntegrationEvent> accepted;
        try {
            accepted = format.accept(JSON, body);
        } catch (ProblemException e) {
            int status = e.problem().status();
            assertTrue(status >= 400 && status < 500, "a client error, not " + status);
            Statistics.collect(format, "refused");
            return;
        }
        Statistics.collect(format, "accepted");
        assertFalse(accepted.isEmpty(), "an accepted body yields events");
        for (IntegrationEvent event : accepted) {
            assertStorable(JSON.valueToTree(event), "", body);
            // What goes to Kafka must serialize.
            EventJson.write(event);
        }
    }

    private static void assertStorable(JsonNode node, String path, byte[] body) {
        if (node.isTextual()) {
            assertTrue(storable(node.textValue()), () -> "accepted an unstorable string at " + path + " from "
                    + escaped(body));
        }
        for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            assertTrue(storable(member.getKey()), () -> "accepted an unstorable member name at " + path);
            assertStorable(member.getValue(), path + "." + member.getKey(), body);
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            assertStorable(node.get(i), path + "[" + i + "]", body);
        }
    }

    /** The oracle: encodable as strict UTF-8 (no unpaired surrogate) and no C0 control but tab, LF, CR. */
    static boolean storable(String text) {
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
        return utf8.canEncode(text) && text.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r');
    }

    private static String escaped(byte[] body) {
        StringBuilder out = new StringBuilder();
        for (byte b : body) {
            out.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return out.toString();
    }
}
