package com.stockticker.trading;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.stockticker.errors.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trading module with the modules it uses (errors, market, messaging, storage, leadership, roles) and
 * without the feed, the cluster or the web: orders go in through its public face,
 * {@link TradingService}, and what happened comes out as its events, once the journal has stored it.
 */
// Leadership as in MarketModuleTest: the desk is one of its duties, and the market's ticker reaches it through a
// @Bean method, which Modulith does not count as a dependency to bootstrap. Delivery, ops and security because
// messaging's STOMP pipeline, which the desk's STOMP adapters need, is assembled from the elements they contribute
// as beans (the sessions' outboxes, the messages-sent counter, the authentication and authorization of frames);
// trading itself uses none of them.
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = { "leadership", "delivery", "ops", "security" })
@ActiveProfiles("test")
@DirtiesContext
class TradingModuleTest {

    /** A bound against a hung answer, not a measure of speed. */
    private static final Duration ANSWER = Duration.ofSeconds(10);

    @Autowired
    TradingService trading;

    @Test
    void aMarketOrderFillsAtOnceAndMovesThePortfolio(PublishedEvents events) throws Exception {
        trading.place("alice", new OrderRequest("module-buy", "AAPL", Side.BUY, OrderType.MARKET, 10, null)).get(ANSWER.toSeconds(), TimeUnit.SECONDS);

        await().until(() -> ofOrder(events, "module-buy").stream().anyMatch(order -> order.status() == OrderStatus.FILLED));
        OrderEvent filled = ofOrder(events, "module-buy").stream().filter(order -> order.status() == OrderStatus.FILLED)
                .findFirst().orElseThrow();
        assertThat(filled.filledQuantity()).isEqualTo(10);
        assertThat(filled.averagePrice()).isPositive();

        await().until(() -> portfolios(events, "alice").stream().anyMatch(portfolio -> !portfolio.positions().isEmpty()));
        Portfolio portfolio = trading.portfolio("alice").get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        assertThat(portfolio.positions()).singleElement().satisfies(position -> {
            assertThat(position.symbol()).isEqualTo("AAPL");
            assertThat(position.quantity()).isEqualTo(10);
            assertThat(position.averageCost()).isEqualByComparingTo(filled.averagePrice());
        });
        assertThat(portfolio.cash()).isEqualByComparingTo(new BigDecimal("100000").subtract(filled.averagePrice().multiply(BigDecimal.TEN)));
    }

    @Test
    void anOrderForAnUnknownSymbolIsRejectedWithTheReason(PublishedEvents events) throws Exception {
        trading.place("bob", new OrderRequest("module-unknown", "NOPE", Side.BUY, OrderType.MARKET, 1, null)).get(ANSWER.toSeconds(), TimeUnit.SECONDS);

        await().until(() -> !ofOrder(events, "module-unknown").isEmpty());
        assertThat(ofOrder(events, "module-unknown")).singleElement().satisfies(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(order.reason()).isEqualTo(ErrorCode.UNKNOWN_SYMBOL);
            assertThat(order.message()).isEqualTo("Unknown symbol 'NOPE'");
        });
    }

    private static List<OrderEvent> ofOrder(PublishedEvents events, String clientOrderId) {
        return StreamSupport.stream(events.ofType(OrderUpdated.class).spliterator(), false).map(OrderUpdated::order)
                .filter(order -> clientOrderId.equals(order.clientOrderId())).toList();
    }

    private static List<Portfolio> portfolios(PublishedEvents events, String username) {
        return StreamSupport.stream(events.ofType(PortfolioUpdated.class).spliterator(), false)
                .filter(update -> update.username().equals(username)).map(PortfolioUpdated::portfolio).toList();
    }
}
