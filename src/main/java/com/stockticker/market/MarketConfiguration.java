package com.stockticker.market;

import java.security.SecureRandom;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

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
    MarketStore marketStore(JdbcTemplate jdbc, Journal journal) {
        return new MarketStore(jdbc, journal);
    }

    @Bean
    MarketSimulator marketSimulator(MarketProperties properties, Clock clock, ObjectProvider<MarketStore> store) {
        long seed = properties.seed() != null ? properties.seed() : new SecureRandom().nextLong();
        MarketStore stored = store.getIfAvailable();
        if (stored == null || stored.ticks().start() == 0) {
            log.info("Market of {} instruments, seed {} (set ticker.market.seed={} to replay these prices)",
                    properties.instruments().size(), seed, seed);
            MarketSimulator simulator = new MarketSimulator(properties, seed, clock);
            if (stored != null) {
                stored.open(simulator.opening());
            }
            return simulator;
        }
        long startTick = stored.ticks().start();
        log.info("Market of {} instruments continues from the database after tick {}", properties.instruments().size(), startTick);
        MarketSimulator simulator = new MarketSimulator(properties, seed, clock, stored.stored(), startTick);
        stored.open(simulator.opening());
        return simulator;
    }

    @Bean
    QuoteBook quoteBook(MarketSimulator simulator, MarketProperties properties) {
        return new QuoteBook(simulator.opening(), properties.historySize());
    }

    /** Only the core simulates; an edge's book follows the core's (see {@code cluster.CoreFeed}). */
    @Bean
    @CoreRole
    MarketTicker marketTicker(MarketSimulator simulator, QuoteBook book, MarketProperties properties,
            ApplicationEventPublisher events, MarketStore store) {
        return new MarketTicker(simulator, book, properties.tickInterval(), events, store.ticks());
    }
}
