package com.stockticker.leadership;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.OrderComparator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.stockticker.storage.Journal;

/**
 * Whether this core is the active one, and the one place where it becomes and stops being it. Whoever decides
 * (the {@link DatabaseElection} of a cluster on PostgreSQL, or {@link SoleCore}) calls {@link #takeOver()} and
 * {@link #standDown(String)}; the {@link Journal} stands it down by itself when its fence finds that another core
 * took over.
 *
 * <p>Taking over raises the epoch in {@code core_leader} (the journal's fence from then on), opens the journal,
 * and has every {@link CoreDuty} take over in order; only then is the core {@linkplain #active() active}.
 * Standing down is the reverse, and immediate: the core is inactive first, so that nothing new is routed to its
 * duties while they stop.
 */
public class CoreLeadership {

    private static final Logger log = LoggerFactory.getLogger(CoreLeadership.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Journal journal;
    private final ObjectProvider<CoreDuty> duties;
    private final String instance;
    private final Clock clock;
    private final Counter takeovers;
    private volatile Instant since;
    private volatile long epoch;
    private volatile String market;

    CoreLeadership(JdbcTemplate jdbc, TransactionTemplate transactions, Journal journal, ObjectProvider<CoreDuty> duties,
            String instance, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.journal = journal;
        this.duties = duties;
        this.instance = instance;
        this.clock = clock;
        this.takeovers = Counter.builder("ticker.core.takeovers")
                .description("How often this instance became the active core").register(meters);
        Gauge.builder("ticker.core.active", this, leadership -> leadership.active() ? 1 : 0)
                .description("1 while this instance is the active core, 0 while it stands by").register(meters);
        Gauge.builder("ticker.core.epoch", this, leadership -> leadership.epoch)
                .description("The epoch this instance last became the active core in").register(meters);
        journal.onFenced(() -> standDown("another core became active"));
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

    synchronized void takeOver() {
        if (active()) {
            return;
        }
        Instant now = clock.instant();
        long raised = transactions.execute(status -> {
            jdbc.update("UPDATE core_leader SET epoch = epoch + 1, holder = ?, since = ?, market = COALESCE(market, ?) WHERE id = 1",
                    instance, now.toEpochMilli(), UUID.randomUUID().toString());
            return jdbc.query("SELECT epoch, market FROM core_leader WHERE id = 1", row -> {
                row.next();
                market = row.getString("market");
                return row.getLong("epoch");
            });
        });
        epoch = raised;
        journal.takeOver(raised);
        try {
            ordered().forEach(CoreDuty::takeOver);
        }
        catch (RuntimeException failed) {
            standDownDuties();
            journal.standDown();
            throw failed;
        }
        since = now;
        takeovers.increment();
        log.info("{} is the active core (epoch {})", instance, raised);
    }

    synchronized void standDown(String reason) {
        if (!active()) {
            return;
        }
        since = null;
        standDownDuties();
        journal.standDown();
        log.warn("{} is no longer the active core (epoch {}): {}", instance, epoch, reason);
    }

    private List<CoreDuty> ordered() {
        return duties.stream().sorted(OrderComparator.INSTANCE).toList();
    }

    private void standDownDuties() {
        List<CoreDuty> ordered = ordered();
        for (int i = ordered.size() - 1; i >= 0; i--) {
            try {
                ordered.get(i).standDown();
            }
            catch (RuntimeException ex) {
                log.error("{} failed to stand down; the others go on", ordered.get(i).getClass().getSimpleName(), ex);
            }
        }
    }
}
