package com.stockticker.leadership;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.OrderComparator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.stockticker.storage.Journal;

/**
 * The one place where this core becomes and stops being the active one. Whoever decides (the
 * {@link DatabaseElection} of a cluster on PostgreSQL, or {@link SoleCore}) calls {@link #takeOver()} and
 * {@link #standDown(String)}; the {@link Journal} stands it down by itself when its fence finds that another core
 * took over.
 *
 * <p>Taking over raises the epoch in {@code core_leader} (the journal's fence from then on), opens the journal,
 * and has every {@link CoreDuty} take over in order; only then is the core active. Standing down is the reverse,
 * and immediate: the core is inactive first, so that nothing new is routed to its duties while they stop.
 */
class Succession {

    private static final Logger log = LoggerFactory.getLogger(Succession.class);

    private final CoreLeadership leadership;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Journal journal;
    private final List<CoreDuty> duties;
    private final Clock clock;
    private final Counter takeovers;

    Succession(CoreLeadership leadership, JdbcTemplate jdbc, TransactionTemplate transactions, Journal journal,
            List<CoreDuty> duties, Clock clock, MeterRegistry meters) {
        this.leadership = leadership;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.journal = journal;
        this.duties = duties.stream().sorted(OrderComparator.INSTANCE).toList();
        this.clock = clock;
        this.takeovers = Counter.builder("ticker.core.takeovers")
                .description("How often this instance became the active core").register(meters);
        journal.onFenced(() -> standDown("another core became active"));
    }

    boolean active() {
        return leadership.active();
    }

    synchronized void takeOver() {
        if (active()) {
            return;
        }
        Instant now = clock.instant();
        Term term = transactions.execute(status -> {
            jdbc.update("UPDATE core_leader SET epoch = epoch + 1, holder = ?, since = ?, market = COALESCE(market, ?) WHERE id = 1",
                    leadership.instance(), now.toEpochMilli(), UUID.randomUUID().toString());
            return jdbc.queryForObject("SELECT epoch, market FROM core_leader WHERE id = 1",
                    (row, number) -> new Term(row.getLong("epoch"), row.getString("market")));
        });
        leadership.taking(term.epoch(), term.market());
        journal.takeOver(term.epoch());
        try {
            duties.forEach(CoreDuty::takeOver);
        }
        catch (RuntimeException failed) {
            standDownDuties();
            journal.standDown();
            throw failed;
        }
        leadership.active(now);
        takeovers.increment();
        log.info("{} is the active core (epoch {})", leadership.instance(), term.epoch());
    }

    synchronized void standDown(String reason) {
        if (!active()) {
            return;
        }
        leadership.inactive();
        standDownDuties();
        journal.standDown();
        log.warn("{} is no longer the active core (epoch {}): {}", leadership.instance(), leadership.epoch(), reason);
    }

    private record Term(long epoch, String market) {
    }

    private void standDownDuties() {
        for (int i = duties.size() - 1; i >= 0; i--) {
            try {
                duties.get(i).standDown();
            }
            catch (RuntimeException ex) {
                log.error("{} failed to stand down; the others go on", duties.get(i).getClass().getSimpleName(), ex);
            }
        }
    }
}
