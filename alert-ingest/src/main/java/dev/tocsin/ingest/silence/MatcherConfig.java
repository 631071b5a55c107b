package dev.tocsin.ingest.silence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds on the label matchers of silences, urgency rules and alert search. */
@ConfigMapping(prefix = "tocsin.ingest.matchers")
public interface MatcherConfig {

    /**
     * The longest value a matcher may have, in characters: a regex of {@code =~}/{@code !~} or the
     * value of {@code =}/{@code !=}. RE2 matches in time linear in pattern and value, so this bounds
     * the work per label; a longer one is refused with 400 naming its {@code value}.
     */
    @WithDefault("1024")
    int maxValueLength();
}
