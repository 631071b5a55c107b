package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FingerprintTest {

    static Stream<Arguments> upstream() {
        return Stream.of(
                // Prometheus common/model TestMetricToFingerprint: the empty set is FNV-1a's offset basis.
                Arguments.of(Map.of(), "cbf29ce484222325"),
                // Same upstream table: 5799056148416392346 decimal; proves sorting and the 0xff separators.
                Arguments.of(Map.of("name", "garland, briggs", "fear", "love is not enough"), "507a62d79ee76c9a"));
    }

    @ParameterizedTest
    @MethodSource("upstream")
    void matchesAlertmanagersFingerprint(Map<String, String> labels, String expected) {
        assertEquals(expected, Fingerprint.hex(labels));
        assertEquals(Long.parseUnsignedLong(expected, 16), Fingerprint.of(labels));
    }

    @ParameterizedTest
    @MethodSource("upstream")
    void doesNotDependOnTheOrderLabelsArrive(Map<String, String> labels, String expected) {
        var reversed = new java.util.LinkedHashMap<String, String>();
        labels.keySet().stream().sorted(java.util.Comparator.reverseOrder()).forEach(k -> reversed.put(k, labels.get(k)));
        assertEquals(expected, Fingerprint.hex(reversed));
    }
}
