package com.stockticker.leadership;

import org.springframework.core.Ordered;

/**
 * Something only the active core does. {@link Succession} calls {@link #takeOver()} on every duty in
 * {@link #getOrder() order} once this instance is the active core and its journal takes changes, and
 * {@link #standDown()} in the reverse order as soon as it no longer is.
 */
public interface CoreDuty extends Ordered {

    /** First the instance stops following another core's market and events (in a cluster). */
    int FOLLOWING = 0;
    /** The desk reloads the accounts: nothing may trade on what the database no longer says. */
    int TRADING = 100;
    /** Then the market continues from the database and ticks. */
    int MARKET = 200;
    /** Last, the instance answers the other instances and publishes to them (in a cluster). */
    int CLUSTER = 300;

    /** Loads from the database what the duty keeps in memory, and starts. */
    void takeOver();

    /** Stops at once. What the duty keeps in memory is stale from now on; the next {@link #takeOver()} reloads it. */
    void standDown();
}
