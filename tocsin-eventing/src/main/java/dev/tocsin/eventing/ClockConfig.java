package dev.tocsin.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where this service's "now" comes from. Unset (the default, and the only setting for production)
 * it is the system clock. The smoke tests, and {@code ./tocsin up} when asked, name an offset file
 * so that one harness can move the time of every service process at once.
 */
@ConfigMapping(prefix = "tocsin.clock")
public interface ClockConfig {

    /**
     * A file holding how far this service's clock runs ahead of the system clock, as an ISO-8601
     * duration ({@code PT5M1S}); read again whenever it changes, and a change wakes the deadline
     * engine. The clock only moves forward. A missing file means no offset. For tests and demos
     * only ({@code TOCSIN_CLOCK_OFFSET_FILE}); never set it in a deployment.
     */
    Optional<Path> offsetFile();

    /** How often the offset file is looked at. */
    @WithDefault("100ms")
    Duration watchInterval();
}
