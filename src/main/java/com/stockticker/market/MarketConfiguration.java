package com.stockticker.market;

import java.security.SecureRandom;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import com.stockticker.leadership.CoreLeadership;
import com.stockticker.roles.CoreRole;
import com.stockticker.storage.Journal;

@Configuration(proxyBeanMethods = false)
class MarketConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MarketConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The core keeps its market in the database; an edge follows the core's and stores nothing. */
    @Bean
    @CoreRole
    MarketStore marketStore(JdbcTemplate jdbc, Journal journal, CandleProperties candles) {
        return new MarketStore(jdbc, journal, candles.history());
    }

    /**
     * The seed's market as it opens: what the book shows until the active core's market (continued from the
     * database, see {@link MarketTicker}) or the core's state (on an edge) replaces it.
     */
    @Bean
    MarketSimulator marketSimulator(MarketProperties properties, Clock clock) {
        long seed = properties.seed() != null ? properties.seed() : new SecureRandom().nextLong();
        log.info("Market of {} instruments, seed {} (set ticker.market.seed={} to replay these prices)",
                properties.instruments().size(), seed, seed);
        return new MarketSimulator(properties, seed, clock);
    }

    @Bean
    QuoteBook quoteBook(MarketSimulator simulator, MarketProperties properties, CandleProperties candles) {
        return new QuoteBook(simulator.opening(), properties.historySize(), candles);
    }

    /** Only the active core simulates; an edge's book follows the core's (see {@code cluster.CoreFeed}). */
    @Bean
    @CoreRole
    MarketTicker marketTicker(MarketSimulator simulator, MarketStore store, QuoteBook book, MarketProperties properties,
            ApplicationEventPublisher events, CoreLeadership leadership, ThreadPoolTaskScheduler marketTicks) {
        return new MarketTicker(simulator, store, book, properties.tickInterval(), events, leadership::market, marketTicks);
    }

    /**
     * The market's own thread, one, so that ticks run one after the other; a bean built with Boot's builder, so that
     * Boot's executor metrics show it.
     */
    @Bean
    @CoreRole
    ThreadPoolTaskScheduler marketTicks(ThreadPoolTaskSchedulerBuilder builder) {
        ThreadPoolTaskScheduler scheduler = builder.threadNamePrefix("market-").poolSize(1).build();
        // Shut down when the bean is destroyed, after the ticker, as when the ticker made it itself: not paused or shut
        // down early when the context begins to close, before the graceful disconnect and the leadership stop the market.
        scheduler.setAcceptTasksAfterContextClose(true);
        return scheduler;
    }
}
