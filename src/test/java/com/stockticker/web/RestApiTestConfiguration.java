package com.stockticker.web;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import com.stockticker.market.CandleProperties;
import com.stockticker.market.MarketProperties;
import com.stockticker.market.OpeningBooks;
import com.stockticker.market.QuoteBook;

/** What the REST API's controllers and the security configuration need, where the slice does not make it. */
@TestConfiguration(proxyBeanMethods = false)
// A slice does not scan for configuration properties.
@EnableConfigurationProperties({ MarketProperties.class, CandleProperties.class })
class RestApiTestConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /** The real book, cheap to make: the configured instruments at the seeded market's opening. */
    @Bean
    QuoteBook quoteBook(MarketProperties market, CandleProperties candles, Clock clock) {
        return OpeningBooks.of(market, candles, clock);
    }

    @Bean
    StubTrading stubTrading() {
        return new StubTrading();
    }
}
