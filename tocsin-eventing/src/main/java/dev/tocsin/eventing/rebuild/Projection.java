package dev.tocsin.eventing.rebuild;

import java.util.List;

/**
 * A read model a service can drop and build again from events: the tables it alone writes, and
 * where its events come from. A service registers each of its projections as a bean;
 * {@link ProjectionRebuild} rebuilds them all, the same way on every service.
 */
public sealed interface Projection permits StoredProjection, TopicProjection {

    /**
     * Its name, e.g. {@code deliveries}. A service's projections are rebuilt, and their tables
     * locked, in the order of their names: name them so that order is the one the live writers
     * take the tables in, and a rebuild never waits for a writer that waits for it.
     */
    String name();

    /** The tables it owns, emptied before its events are applied again. */
    List<String> tables();
}
