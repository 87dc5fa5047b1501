package com.stockticker.market;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import com.stockticker.storage.ReservedSequence;

/**
 * Drives the market: every tick interval it advances the simulator, records the tick in the
 * {@link QuoteBook} and then publishes it as an application event, so that a listener reading the book
 * sees at least that tick.
 *
 * <p>It runs on a thread of its own rather than on {@code @Scheduled}: the STOMP broker brings its own
 * task scheduler, and a slow heartbeat or listener must not delay the market, nor the market them.
 */
public class MarketTicker implements SmartLifecycle, DisposableBean {

    private final MarketSimulator simulator;
    private final QuoteBook book;
    private final Duration interval;
    private final ApplicationEventPublisher events;
    private final ReservedSequence ticks;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private ScheduledFuture<?> ticking;

    MarketTicker(MarketSimulator simulator, QuoteBook book, Duration interval, ApplicationEventPublisher events,
            ReservedSequence ticks) {
        this.simulator = simulator;
        this.ticks = ticks;
        this.book = book;
        this.interval = interval;
        this.events = events;
        scheduler.setThreadNamePrefix("market-");
        scheduler.initialize();
    }

    /**
     * Advances the market by one tick. The scheduler logs a failing tick and goes on with the next. A tick whose
     * number the database has not reserved yet is left out rather than waited for: a number published and then
     * lost in a crash could be published again.
     */
    void tick() {
        if (!ticks.covers(simulator.nextSeq())) {
            return;
        }
        QuoteBatch tick = simulator.next();
        book.record(tick);
        events.publishEvent(tick);
    }

    @Override
    public synchronized void start() {
        if (ticking == null) {
            ticking = scheduler.scheduleAtFixedRate(this::tick, interval);
        }
    }

    @Override
    public synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return ticking != null;
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
