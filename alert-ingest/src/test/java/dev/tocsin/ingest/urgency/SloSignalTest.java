package dev.tocsin.ingest.urgency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SloSignalTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            // The windows of the workbook's table, as Prometheus writes durations.
            "1h, PT1H", "6h, PT6H", "1d, PT24H", "3d, PT72H", "72h, PT72H",
            // Pyrra's windows for a 30-day SLO combine units.
            "1h4m, PT1H4M", "4d6h51m, PT102H51M", "30m, PT30M", "1w, PT168H",
            // Not durations: ignored, never guessed.
            "null, null", "'', null", "1x, null", "h1, null", "1h 4m, null", "0h, null", "1H, null"})
    void readsPrometheusDurations(String text, Duration expected) {
        assertEquals(Optional.ofNullable(expected), SloSignal.duration(text));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "14.4, 14.4", "14.4x, 14.4", "6×, 6.0", " 3 , 3.0",
            // A templated value that did not render, or a negative number, is no burn rate.
            "'{{ $value }}', null", "-1, null", "NaN, null", "null, null"})
    void readsBurnRates(String text, Double expected) {
        assertEquals(Optional.ofNullable(expected), SloSignal.number(text));
    }

    @Test
    void labelsWinOverAnnotationsAndPlainNamesOverToolSpecificOnes() {
        SloSignal signal = SloSignal.read(
                Map.of("slo", "availability", "sloth_slo", "other", "burn_rate", "20", "window", "1h", "long", "6h",
                        "sloth_severity", "PAGE"),
                Map.of("burn_rate", "1"));
        assertEquals(new SloSignal("availability", 20.0, Duration.ofHours(1), "1h", "page"), signal);
    }
}
