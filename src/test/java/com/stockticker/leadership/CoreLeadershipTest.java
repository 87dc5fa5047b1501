package com.stockticker.leadership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.stockticker.storage.Change;
import com.stockticker.storage.Entry;
import com.stockticker.storage.Journal;
import com.stockticker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two cores on one database, without a lock between them, as when the old one was cut off and did not notice
 * yet: the fence alone keeps the replaced core from storing anything, and stands it down.
 */
class CoreLeadershipTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

    private final TestDatabase database = TestDatabase.embedded();
    private final Journal journalA = database.journalStandingBy();
    private final Journal journalB = database.journalStandingBy();
    private final Duty dutyA = new Duty();
    private final Duty dutyB = new Duty();
    private final CoreLeadership leadershipA = new CoreLeadership("core-a", new SimpleMeterRegistry());
    private final CoreLeadership leadershipB = new CoreLeadership("core-b", new SimpleMeterRegistry());
    private final Succession coreA = succession(leadershipA, journalA, List.of(dutyA));
    private final Succession coreB = succession(leadershipB, journalB, List.of(dutyB));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aStandbyTakesNothingUntilItTakesOver() {
        assertThat(leadershipA.active()).isFalse();
        assertThat(journalA.available()).isFalse();
        assertThat(journalA.standingBy()).isTrue();
        assertThat(dutyA.calls).isEmpty();

        coreA.takeOver();

        assertThat(leadershipA.active()).isTrue();
        assertThat(leadershipA.epoch()).isEqualTo(1);
        assertThat(leadershipA.since()).isEqualTo(CLOCK.instant());
        assertThat(journalA.available()).isTrue();
        assertThat(dutyA.calls).containsExactly("takeOver");
        assertThat(database.jdbc().queryForMap("SELECT epoch, holder, market FROM core_leader"))
                .containsEntry("EPOCH", 1L).containsEntry("HOLDER", "core-a").containsEntry("MARKET", leadershipA.market());
    }

    @Test
    void aCoreThatTookOverFencesTheOneBeforeItWhichStandsDownAndStoresNothingMore() {
        coreA.takeOver();
        assertThat(store(journalA, "before")).succeedsWithin(Duration.ofSeconds(10));

        coreB.takeOver();
        CompletableFuture<Void> late = store(journalA, "late");

        // failsWithin alone would pass on a timeout too: the future must have failed.
        assertThat(late).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("not stored");
        assertThat(leadershipA.active()).isFalse();
        assertThat(journalA.available()).isFalse();
        assertThat(dutyA.calls).containsExactly("takeOver", "standDown");
        assertThat(store(journalB, "after")).succeedsWithin(Duration.ofSeconds(10));
        assertThat(database.jdbc().queryForList("SELECT name FROM sequences ORDER BY name", String.class))
                .containsExactly("after", "before");
        assertThat(leadershipB.epoch()).isEqualTo(2);
        assertThat(leadershipB.market()).as("the same market, continued").isEqualTo(leadershipA.market());
    }

    @Test
    void standingDownStopsTheDutiesInReverseOrderAndTheJournalTakesNothingMore() {
        Duty first = new Duty();
        Duty last = new Duty();
        List<String> order = new CopyOnWriteArrayList<>();
        first.log = order;
        last.log = order;
        first.order = CoreDuty.TRADING;
        last.order = CoreDuty.CLUSTER;
        Succession core = succession(new CoreLeadership("core-a", new SimpleMeterRegistry()), journalA, List.of(last, first));

        core.takeOver();
        core.standDown("told to");

        assertThat(order).containsExactly("100 takeOver", "300 takeOver", "300 standDown", "100 standDown");
        assertThat(journalA.available()).isFalse();
        assertThat(journalA.standingBy()).isTrue();
    }

    private Succession succession(CoreLeadership leadership, Journal journal, List<CoreDuty> duties) {
        return new Succession(leadership, database.jdbc(), database.transactions(), journal, duties, CLOCK, new SimpleMeterRegistry());
    }

    /** A row of its own in a table of the schema, through {@code journal}: done when stored, failed when not. */
    private static CompletableFuture<Void> store(Journal journal, String name) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        journal.append(new Entry(null, List.of(new Change.Statement("INSERT INTO sequences (name, reserved_up_to) VALUES (?, 0)", name)),
                () -> stored.complete(null), () -> stored.completeExceptionally(new IllegalStateException("not stored"))));
        return stored;
    }

    private static final class Duty implements CoreDuty {

        final List<String> calls = new CopyOnWriteArrayList<>();
        List<String> log;
        int order;

        @Override
        public void takeOver() {
            record("takeOver");
        }

        @Override
        public void standDown() {
            record("standDown");
        }

        private void record(String call) {
            calls.add(call);
            if (log != null) {
                log.add(order + " " + call);
            }
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}
