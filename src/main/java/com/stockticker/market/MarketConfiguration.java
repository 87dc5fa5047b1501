package com.stockticker.market;

import java.security.SecureRandom;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.stockticker.roles.CoreRole;

@Configuration(proxyBeanMethods = false)
class MarketConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MarketConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MarketSimulator marketSimulator(MarketProperties properties, Clock clock) {
        long seed = properties.seed() != null ? properties.seed() : new SecureRandom().nextLong();
        log.info("Market of {} instruments, seed {} (set ticker.market.seed={} to replay these prices)",
                properties.instruments().size(), seed, seed);
        return new MarketSimulator(properties, seed, clock);
    }

    @Bean
    QuoteBook quoteBook(MarketSimulator simulator, MarketProperties properties) {
        return new QuoteBook(simulator.opening(), properties.historySize());
    }

    /** Only the core simulates; an edge's book follows the core's (see {@code cluster.CoreFeed}). */
    @Bean
    @CoreRole
    MarketTicker marketTicker(MarketSimulator simulator, QuoteBook book, MarketProperties properties,
            ApplicationEventPublisher events) {
        return new MarketTicker(simulator, book, properties.tickInterval(), events);
    }
}
