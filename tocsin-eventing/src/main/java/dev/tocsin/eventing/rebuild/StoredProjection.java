package dev.tocsin.eventing.rebuild;

import dev.tocsin.eventing.StoredEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.List;

/**
 * A projection of one aggregate type of the service's own event store. The rebuild streams the
 * aggregates one after another, folds each one's events with {@link #apply} and hands the folded
 * states to {@link #insert} a batch at a time, so it holds one batch, never the history.
 *
 * @param <E> the aggregate's sealed family of domain events
 * @param <S> what one aggregate's events fold to: the row (or rows) the projection keeps for it
 */
public non-sealed interface StoredProjection<E, S> extends Projection {

    /** The events it is built from. */
    StoredEvents<E> events();

    /** The state before the aggregate's first event; null unless the fold needs the id. */
    default S initial(String aggregateId) {
        return null;
    }

    /** The state after one more event: pure, the same fold the live writer's rows follow. */
    S apply(S state, E event);

    /**
     * Writes the rows of fully folded aggregates, in the rebuild's transaction, into emptied tables,
     * with the same statements (the table's store class) the live writer uses.
     */
    Uni<Void> insert(SqlClient connection, List<S> states);
}
