package dev.tocsin.ingest.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written check of label names answers exactly as Prometheus' rule written as a regular expression. */
class LabelNamesPropertyTest {

    private static final Pattern RULE = Pattern.compile(LabelNames.PATTERN);

    @Property(tries = 5000)
    void agreesWithTheRule(@ForAll("names") String name) {
        assertEquals(RULE.matcher(name).matches(), LabelNames.isValid(name), name);
    }

    @Example
    void edges() {
        assertEquals(false, LabelNames.isValid(null));
        assertEquals(false, LabelNames.isValid(""));
        assertEquals(false, LabelNames.isValid("9lives"));
        assertEquals(true, LabelNames.isValid("_9lives"));
        assertEquals(false, LabelNames.isValid("service-name"));
        assertEquals(true, LabelNames.isValid("alertname"));
    }

    /** Mostly name characters, with digits, punctuation and non-ASCII letters mixed in. */
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("aZ_09-.:é€ ").withCharRange('a', 'c').ofMinLength(0).ofMaxLength(8);
    }
}
