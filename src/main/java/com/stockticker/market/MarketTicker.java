package com.stockticker.market;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.TaskScheduler;

import com.stockticker.leadership.CoreDuty;
import com.stockticker.storage.ReservedSequence;

/**
 * Drives the market while this instance is the active core: every tick interval it advances the simulator,
 * stores the tick, records it in the {@link QuoteBook} and then publishes it, and the candles it changed, as
 * application events, so that a listener reading the book sees at least that tick.
 *
 * <p>Taking over continues the market from the database: the stored prices and day statistics, with tick
 * numbers above any that a core published before (reserved ahead, see {@link MarketStore}); a new database
 * starts the seed's market at tick 1.
 *
 * <p>It runs on a thread of its own rather than on {@code @Scheduled}: the STOMP broker brings its own
 * task scheduler, and a slow heartbeat or listener must not delay the market, nor the market them. One thread, so
 * that ticks run one after the other in order (see {@code MarketConfiguration#marketTicks}).
 */
public class MarketTicker implements CoreDuty {

    private static final Logger log = LoggerFactory.getLogger(MarketTicker.class);

    private final MarketSimulator seeded;
    private final MarketStore store;
    private final QuoteBook book;
    private final Duration interval;
    private final ApplicationEventPublisher events;
    private final Supplier<String> market;
    private final TaskScheduler scheduler;
    private MarketSimulator simulator;
    private ReservedSequence ticks;
    private ScheduledFuture<?> ticking;

    /**
     * @param market the name of the market the database holds, known once this core took over
     * @param scheduler the market's own thread
     */
    MarketTicker(MarketSimulator seeded, MarketStore store, QuoteBook book, Duration interval, ApplicationEventPublisher events,
            Supplier<String> market, TaskScheduler scheduler) {
        this.seeded = seeded;
        this.store = store;
        this.book = book;
        this.interval = interval;
        this.events = events;
        this.market = market;
        this.scheduler = scheduler;
    }

    /**
     * Advances the market by one tick. The scheduler logs a failing tick and goes on with the next. A tick whose
     * number the database has not reserved yet is left out rather than waited for: a number published and then
     * lost in a crash could be published again.
     */
    synchronized void tick() {
        if (ticking == null || !ticks.covers(simulator.nextSeq())) {
            return;
        }
        QuoteBatch tick = simulator.next();
        store.ticked(tick);
        List<Candle> candles = book.record(tick);
        store.candled(candles);
        events.publishEvent(tick);
        events.publishEvent(new CandleUpdate(tick.seq(), candles));
    }

    @Override
    public synchronized void takeOver() {
        stopTicking();
        ticks = store.reserveTicks();
        simulator = seeded.continueFrom(store.stored(), ticks.start());
        store.open(simulator.opening());
        book.continueFrom(simulator.opening(), market.get());
        book.restoreCandles(store.storedCandles());
        if (ticks.start() == 0) {
            log.info("A new market starts (the database holds none)");
        }
        else {
            log.info("The market continues from the database after tick {}", ticks.start());
        }
        ticking = scheduler.scheduleAtFixedRate(this::tick, interval);
    }

    @Override
    public synchronized void standDown() {
        stopTicking();
    }

    private void stopTicking() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    @Override
    public int getOrder() {
        return MARKET;
    }
}
