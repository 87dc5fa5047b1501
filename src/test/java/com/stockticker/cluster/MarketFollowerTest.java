package com.stockticker.cluster;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.stockticker.cluster.MarketFollower.Step;
import com.stockticker.market.MarketState;
import com.stockticker.market.QuoteBatch;

import static org.assertj.core.api.Assertions.assertThat;

/** How an instance's market follows the active core's: in sequence, from the core's state whenever it cannot. */
class MarketFollowerTest {

    private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");
    private static final MarketOrigin FIRST = new MarketOrigin("m-1", 1, "core-a");
    private static final MarketOrigin TAKEN_OVER = new MarketOrigin("m-1", 2, "core-b");

    private final MarketFollower follower = new MarketFollower();

    @Test
    void startsFromTheCoresStateThenAppliesEachNextBatch() {
        assertThat(follower.next(batch(7), FIRST)).isEqualTo(Step.RESYNC);
        assertThat(follower.restore(state(FIRST, 9))).isFalse();
        // The batch that asked, and any other the state already holds, are skipped.
        assertThat(follower.next(batch(7), FIRST)).isEqualTo(Step.SKIP);
        assertThat(follower.next(batch(9), FIRST)).isEqualTo(Step.SKIP);
        assertThat(follower.next(batch(10), FIRST)).isEqualTo(Step.APPLY);
        assertThat(follower.next(batch(11), FIRST)).isEqualTo(Step.APPLY);
        assertThat(follower.lastSeq()).isEqualTo(11);
    }

    @Test
    void aMissingBatchTakesTheStateAgain() {
        follower.next(batch(1), FIRST);
        follower.restore(state(FIRST, 1));
        assertThat(follower.next(batch(2), FIRST)).isEqualTo(Step.APPLY);
        // RabbitMQ was away, or dropped the oldest batches of a lagging edge's queue.
        assertThat(follower.next(batch(40), FIRST)).isEqualTo(Step.RESYNC);
        assertThat(follower.synced()).isFalse();
        // Until the state comes, every batch asks for it again.
        assertThat(follower.next(batch(41), FIRST)).isEqualTo(Step.RESYNC);
        assertThat(follower.restore(state(FIRST, 41))).isFalse();
        assertThat(follower.next(batch(41), FIRST)).isEqualTo(Step.SKIP);
        assertThat(follower.next(batch(42), FIRST)).isEqualTo(Step.APPLY);
    }

    @Test
    void aCoreThatTookOverIsFollowedFromItsStateAndTheReplacedOneIsNotHeardAnyMore() {
        follower.next(batch(500), FIRST);
        follower.restore(state(FIRST, 500));
        // The standby continues the market with tick numbers reserved above the old core's.
        assertThat(follower.next(batch(1501), TAKEN_OVER)).isEqualTo(Step.RESYNC);
        assertThat(follower.restore(state(TAKEN_OVER, 1501))).as("the same market: clients stay").isFalse();
        assertThat(follower.next(batch(1502), TAKEN_OVER)).isEqualTo(Step.APPLY);
        // The replaced core, cut off from the database but not from RabbitMQ, may still publish for a moment.
        assertThat(follower.next(batch(501), FIRST)).isEqualTo(Step.SKIP);
        assertThat(follower.next(batch(1503), FIRST)).isEqualTo(Step.SKIP);
        assertThat(follower.next(batch(1503), TAKEN_OVER)).isEqualTo(Step.APPLY);
    }

    @Test
    void aNewMarketIsToldOnceWhateverItsEpoch() {
        follower.next(batch(500), TAKEN_OVER);
        follower.restore(state(TAKEN_OVER, 500));
        // A core on an empty database: a new market, numbered from 1 again, with its own epochs.
        MarketOrigin fresh = new MarketOrigin("m-2", 1, "core-c");
        assertThat(follower.next(batch(1), fresh)).isEqualTo(Step.RESYNC);
        assertThat(follower.restore(state(fresh, 3))).isTrue();
        assertThat(follower.next(batch(4), fresh)).isEqualTo(Step.APPLY);
        follower.next(batch(9), fresh);
        assertThat(follower.restore(state(fresh, 9))).isFalse();
    }

    @Test
    void anInstanceThatWasTheActiveCoreTakesTheStateAgainWhenItFollowsOnceMore() {
        follower.next(batch(1), FIRST);
        follower.restore(state(FIRST, 1));
        follower.forget();
        assertThat(follower.next(batch(2), FIRST)).isEqualTo(Step.RESYNC);
    }

    private static QuoteBatch batch(long seq) {
        return new QuoteBatch(seq, START.plusSeconds(seq), List.of());
    }

    private static CoreMarket state(MarketOrigin origin, long seq) {
        return new CoreMarket(origin, new MarketState(seq, START.plusSeconds(seq), List.of(), List.of()));
    }
}
