package com.stockticker.market;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The market module on its own, with only what it depends on (storage, leadership, roles; no messaging, feed or
 * trading): on the only core there is, over a new in-memory database, it ticks the seed's market and publishes
 * every tick, then the candles it changed, as application events once the book shows that tick. The context is
 * closed after the test, so that its market does not tick on through the rest of the run.
 */
// Modulith bootstraps the modules whose beans the module's beans take in their constructors: storage here. The
// ticker's leadership reaches it through a @Bean method of MarketConfiguration instead, hence the extra include.
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "leadership")
@ActiveProfiles("test")
@DirtiesContext
class MarketModuleTest {

    @Autowired
    MarketProperties properties;

    @Autowired
    BookAtEachTick bookAtEachTick;

    @Test
    void theActiveCoreTicksTheSeedsMarketAndPublishesEachTickOnceTheBookHasIt(PublishedEvents events) {
        await().until(() -> all(events.ofType(CandleUpdate.class)).size() >= 10);
        // Candle updates first: each follows its tick, so every one read here has its tick in what is read next.
        List<Long> candleUpdates = all(events.ofType(CandleUpdate.class)).stream().map(CandleUpdate::seq).toList();
        List<QuoteBatch> ticks = all(events.ofType(QuoteBatch.class));
        long first = ticks.get(0).seq();

        assertThat(ticks).extracting(QuoteBatch::seq)
                .containsExactlyElementsOf(LongStream.range(first, first + ticks.size()).boxed().toList());
        // The events were captured from some moment on: a first update may belong to a tick captured before it.
        assertThat(ticks).extracting(QuoteBatch::seq)
                .startsWith(candleUpdates.stream().filter(seq -> seq >= first).toArray(Long[]::new));

        MarketSimulator replay = new MarketSimulator(properties, properties.seed(), Clock.systemUTC());
        while (replay.nextSeq() < first) {
            replay.next();
        }
        // A tick whose candle update was read has reached every listener of the tick.
        long lastComplete = candleUpdates.get(candleUpdates.size() - 1);
        for (QuoteBatch tick : ticks.stream().filter(t -> t.seq() <= lastComplete).toList()) {
            assertThat(tick.quotes()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("timestamp")
                    .as("tick %d of seed %d", tick.seq(), properties.seed())
                    .containsExactlyElementsOf(replay.next().quotes());
            assertThat(bookAtEachTick.seen.get(tick.seq())).as("the book's tick when tick %d was published", tick.seq())
                    .isGreaterThanOrEqualTo(tick.seq());
        }
    }

    /** One thread, so that ticks run in order; a bean, so that Boot's executor metrics show it. */
    @Test
    void theMarketTicksOnOneThreadThatBootsExecutorMetricsShow(@Autowired MeterRegistry meters) {
        assertThat(meters.get("executor.pool.core").tag("name", "marketTicks").gauge().value()).isEqualTo(1);
        assertThat(meters.find("executor.completed").tag("name", "marketTicks").functionCounter()).isNotNull();
    }

    private static <T> List<T> all(Iterable<T> events) {
        return StreamSupport.stream(events.spliterator(), false).toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listeners {

        @Bean
        BookAtEachTick bookAtEachTick(QuoteBook book) {
            return new BookAtEachTick(book);
        }
    }

    /** What the book showed when each tick's event reached a listener. */
    static class BookAtEachTick {

        final Map<Long, Long> seen = new ConcurrentHashMap<>();
        private final QuoteBook book;

        BookAtEachTick(QuoteBook book) {
            this.book = book;
        }

        @EventListener
        void ticked(QuoteBatch tick) {
            seen.put(tick.seq(), book.snapshot().seq());
        }
    }
}
