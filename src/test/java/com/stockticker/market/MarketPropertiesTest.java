package com.stockticker.market;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static com.stockticker.support.StartupFailures.assertStartupFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

/** Configuration mistakes stop the start-up with a message that names them. */
class MarketPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class)
            .withPropertyValues(
                    "ticker.market.instruments[0].symbol=AAA", "ticker.market.instruments[0].name=Aaa",
                    "ticker.market.instruments[0].start-price=10.00", "ticker.market.instruments[0].drift=0.05",
                    "ticker.market.instruments[0].volatility=0.2", "ticker.market.instruments[0].tick-size=0.01");

    @Test
    void bindsInstrumentsAndDefaults() {
        context.run(started -> {
            MarketProperties market = started.getBean(MarketProperties.class);
            assertThat(market.instruments()).extracting(Instrument::symbol).containsExactly("AAA");
            assertThat(market.tickInterval()).hasMillis(250);
            assertThat(market.seed()).isNull();
        });
    }

    @Test
    void refusesAStartPriceOffTheTickGrid() {
        assertStartupFailsWith(context, "startPriceOnTickGrid", "ticker.market.instruments[0].start-price=10.005");
    }

    @Test
    void refusesASymbolThatWouldBreakTopicNames() {
        assertStartupFailsWith(context, "symbol", "ticker.market.instruments[0].symbol=BRK.B");
    }

    @Test
    void refusesDuplicateSymbols() {
        assertStartupFailsWith(context, "symbolsUnique",
                "ticker.market.instruments[1].symbol=AAA", "ticker.market.instruments[1].name=Again",
                "ticker.market.instruments[1].start-price=10.00", "ticker.market.instruments[1].tick-size=0.01");
    }

    @Test
    void refusesATickIntervalOutOfRange() {
        assertStartupFailsWith(context, "tickIntervalInRange", "ticker.market.tick-interval=1ms");
    }

    @Test
    void refusesAnImpossibleMoveProbability() {
        assertStartupFailsWith(context, "moveProbability", "ticker.market.move-probability=1.5");
    }


    @Test
    void bindsCandleIntervalsAndNamesThem() {
        context.run(started -> assertThat(started.getBean(CandleProperties.class).intervals()).map(CandleProperties::name)
                .containsExactly("1s", "5s", "1m", "5m"));
        context.withPropertyValues("ticker.candles.intervals=90s,1h,1d,120s").run(started -> assertThat(
                started.getBean(CandleProperties.class).intervals()).map(CandleProperties::name).containsExactly("90s", "1h", "1d", "2m"));
    }

    @Test
    void refusesACandleIntervalThatIsNotWholeSeconds() {
        assertStartupFailsWith(context, "intervalsInRange", "ticker.candles.intervals=1s,1500ms");
    }

    @Test
    void refusesTheSameCandleIntervalTwice() {
        assertStartupFailsWith(context, "intervalsUnique", "ticker.candles.intervals=1m,60s");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ MarketProperties.class, CandleProperties.class })
    static class Properties {
    }
}
