package dev.tocsin.incident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of incident-service. */
@ConfigMapping(prefix = "tocsin.incident")
public interface IncidentConfig {

    /** How many pages {@code GET /api/v1/pages} lists when the caller gives no {@code limit}. */
    @WithDefault("50")
    int recentPages();

    /** The declaration rules (docs/design.md, "Incidents"). */
    Declare declare();

    interface Declare {

        /** Pages for services of two or more teams opened within this long declare an incident; {@code 0s}: never. */
        @WithDefault("10m")
        Duration teamsWindow();

        /** A page whose alert threatens a user-facing SLO declares an incident; {@code false}: never. */
        @WithDefault("true")
        boolean usersAffected();

        /** A page unresolved this long after its acknowledgement declares an incident; {@code 0s}: never. */
        @WithDefault("1h")
        Duration unresolvedAfter();
    }
}

