package com.stockticker.leadership;

import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Whether this core is the active one, and in which epoch, for whoever needs to know: the duties read it while
 * they take over (the market its name), the cluster to route requests. It only says what the {@link Succession}
 * decided; it holds none of the duties, so that they can depend on it.
 */
public class CoreLeadership {

    private final String instance;
    private volatile Instant since;
    private volatile long epoch;
    private volatile String market;

    CoreLeadership(String instance, MeterRegistry meters) {
        this.instance = instance;
        Gauge.builder("ticker.core.active", this, leadership -> leadership.active() ? 1 : 0)
                .description("1 while this instance is the active core, 0 while it stands by").register(meters);
        Gauge.builder("ticker.core.epoch", this, leadership -> leadership.epoch)
                .description("The epoch this instance last became the active core in").register(meters);
    }

    /** Whether this instance is the active core: it runs the market and the desk, and answers the other instances. */
    public boolean active() {
        return since != null;
    }

    /** Since when this instance is the active core; {@code null} while it stands by. */
    public Instant since() {
        return since;
    }

    /** The epoch this instance became the active core in: it goes up by one with each takeover, cluster-wide. */
    public long epoch() {
        return epoch;
    }

    /** The market this database holds: named by the first core that took over on it, the same ever after. */
    public String market() {
        return market;
    }

    public String instance() {
        return instance;
    }

    /** The epoch and market a takeover raised, known to the duties while they take over. */
    void taking(long epoch, String market) {
        this.epoch = epoch;
        this.market = market;
    }

    /** Active from now on: every duty has taken over. */
    void active(Instant since) {
        this.since = since;
    }

    /** Inactive from now on, before the duties stop: nothing new is routed to them. */
    void inactive() {
        this.since = null;
    }
}
