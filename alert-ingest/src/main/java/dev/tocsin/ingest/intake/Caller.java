package dev.tocsin.ingest.intake;

import dev.tocsin.ingest.key.IntegrationKey;
import jakarta.enterprise.context.RequestScoped;

/** The integration key the current intake request authenticated with, set by {@link IntegrationKeyFilter}. */
@RequestScoped
public class Caller {

    private IntegrationKey key;

    public IntegrationKey key() {
        if (key == null) {
            throw new IllegalStateException("no integration key: is the resource @IntegrationKeyRequired?");
        }
        return key;
    }

    void authenticated(IntegrationKey key) {
        this.key = key;
    }
}
