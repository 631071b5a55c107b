package dev.tocsin.ingest.engine;

import dev.tocsin.eventing.Outbox;
import dev.tocsin.ingest.release.Releases;
import jakarta.inject.Singleton;

/** Publishes a storm group once its group wait passed, so its page counts the alerts that gathered. */
@Singleton
public class GroupRelease extends ReleaseModule {

    GroupRelease(Outbox outbox) {
        super(outbox, "the storm group's wait passed");
    }

    @Override
    public String kind() {
        return Releases.GROUP;
    }
}
