package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dedup key must equal Alertmanager's fingerprint, so an alert has the same identity in both.
 * Every case is a test vector of prometheus/common's {@code model} package, with the expected
 * value as upstream writes it (a decimal uint64); the hex form is upstream's
 * {@code Fingerprint.String()}, {@code %016x}.
 */
class FingerprintTest {

    static Stream<Arguments> upstreamVectors() {
        return Stream.of(
                // signature_test.go TestMetricToFingerprint: the empty set hashes to FNV-1a 64's offset basis.
                Arguments.of(Map.of(), "14695981039346656037"),
                // signature_test.go TestMetricToFingerprint: two labels given out of order; proves sorting by name.
                Arguments.of(Map.of("name", "garland, briggs", "fear", "love is not enough"), "5799056148416392346"),
                // metric_test.go testMetric: three labels.
                Arguments.of(Map.of("first_name", "electro", "occupation", "robot", "manufacturer", "westinghouse"),
                        "5911716720268894962"),
                // metric_test.go testMetric: a single one-letter label.
                Arguments.of(Map.of("x", "y"), "8241431561484471700"),
                // metric_test.go testMetric: this pair and the next have the same bytes without separators;
                // only the 0xff after each name and value tells them apart.
                Arguments.of(Map.of("a", "bb", "b", "c"), "3016285359649981711"),
                Arguments.of(Map.of("a", "b", "bb", "c"), "7122421792099404749"),
                // signature_test.go BenchmarkMetricToFingerprintSingle/Double/Triple: longer names and values.
                Arguments.of(Map.of("first-label", "first-label-value"), "5146282821936882169"),
                Arguments.of(Map.of("first-label", "first-label-value", "second-label", "second-label-value"),
                        "3195800080984914717"),
                Arguments.of(Map.of("first-label", "first-label-value", "second-label", "second-label-value",
                        "third-label", "third-label-value"), "13843036195897128121"));
    }

    @ParameterizedTest
    @MethodSource("upstreamVectors")
    void equalsAlertmanagersFingerprint(Map<String, String> labels, String upstreamDecimal) {
        long expected = Long.parseUnsignedLong(upstreamDecimal);
        assertEquals(expected, Fingerprint.of(labels));
        assertEquals(String.format("%016x", expected), Fingerprint.hex(labels));
    }

    @ParameterizedTest
    @MethodSource("upstreamVectors")
    void doesNotDependOnTheOrderLabelsArrive(Map<String, String> labels, String upstreamDecimal) {
        // JSON objects arrive in the sender's order; the same labels must give the same key.
        Map<String, String> reversed = new LinkedHashMap<>();
        labels.keySet().stream().sorted(Comparator.reverseOrder()).forEach(name -> reversed.put(name, labels.get(name)));
        assertEquals(Long.parseUnsignedLong(upstreamDecimal), Fingerprint.of(reversed));
        // A sorted map is read as it is only in name order; one sorted otherwise is put in name order first.
        Map<String, String> reverseSorted = new TreeMap<>(Comparator.reverseOrder());
        reverseSorted.putAll(labels);
        assertEquals(Long.parseUnsignedLong(upstreamDecimal), Fingerprint.of(reverseSorted));
    }
}
