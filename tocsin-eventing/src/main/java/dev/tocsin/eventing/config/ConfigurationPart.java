package dev.tocsin.eventing.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.eventing.AfterCommit;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sections of the configuration document one service owns, and how it applies them. Each
 * service that owns sections has one such bean; {@link ConfigurationResource} serves it.
 */
public interface ConfigurationPart {

    /** Whether this part's export begins the document, with its {@code version}. */
    default boolean first() {
        return false;
    }

    /** The running part, section by section in document order: each item by key, without null fields, as export shows it. */
    Uni<Map<String, Map<String, JsonNode>>> running();

    /**
     * Makes the running part equal to the document's, inside the caller's transaction, and answers
     * what changed; a 400 naming every refused document path otherwise, after which the caller
     * rolls back. A section the document leaves out is left as it is; a section it lists, even
     * empty, is made equal to it. {@code planning}: the directory may not know yet the people and
     * services the same document defines, so those count as known.
     */
    Uni<List<ConfigurationChange>> apply(ConfigurationDocument document, boolean planning);

    /**
     * Runs {@code work} in a transaction of the stack this part's tables are written with, committed
     * or, for a plan, rolled back. By default the reactive pool's ({@link AfterCommit#transaction}).
     */
    default <T> Uni<T> transaction(Supplier<Uni<T>> work, boolean rollBack) {
        return rollBack ? ConfigurationPlans.rolledBack(work) : AfterCommit.transaction(work);
    }
}
