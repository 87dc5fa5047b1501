package com.stockticker.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.stockticker.trading.CancelRequest;
import com.stockticker.trading.OrderEvent;
import com.stockticker.trading.OrderQuery;
import com.stockticker.trading.OrderRejectedException;
import com.stockticker.trading.OrderRequest;
import com.stockticker.trading.OrderStatus;
import com.stockticker.trading.OrderType;
import com.stockticker.trading.Portfolio;
import com.stockticker.trading.Side;
import com.stockticker.trading.TradingService;

/**
 * Trading as the REST API sees it, written down instead of done: it records what it was asked and answers with
 * fixed values, or fails as the real service does ({@link #failWith}). The real one needs the trading desk, its
 * database and journal, which the REST API's tests are not about (OrderHistoryIntegrationTest runs them together).
 */
class StubTrading implements TradingService {

    static final Instant AT = Instant.parse("2026-01-05T15:00:00Z");
    static final OrderEvent FILLED = new OrderEvent("O-7", "my-1", "AAPL", Side.BUY, OrderType.LIMIT, 10L, new BigDecimal("227.50"),
            OrderStatus.FILLED, 10, new BigDecimal("227.47"), null, null, AT, AT);

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<OrderQuery> queries = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    /** Forgets what it was asked, and answers again. */
    void clear() {
        calls.clear();
        queries.clear();
        failure = null;
    }

    /** Answers every request from now on with this failure, as the real service fails its futures. */
    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    static Portfolio portfolioOf(String username) {
        return new Portfolio(username, new BigDecimal("100000.00"), new BigDecimal("100000.00"), new BigDecimal("0.00"),
                new BigDecimal("100000.00"), new BigDecimal("0.00"), new BigDecimal("0.00"), List.of(), AT);
    }

    @Override
    public CompletableFuture<Portfolio> portfolio(String username) {
        return answer("portfolio " + username, portfolioOf(username));
    }

    @Override
    public CompletableFuture<List<OrderEvent>> history(String username, OrderQuery query) {
        queries.add(query);
        return answer("history " + username, List.of(FILLED));
    }

    @Override
    public CompletableFuture<Portfolio> reset(String username) {
        return answer("reset " + username, portfolioOf(username));
    }

    private <T> CompletableFuture<T> answer(String call, T value) {
        calls.add(call);
        RuntimeException failing = failure;
        return failing != null ? CompletableFuture.failedFuture(failing) : CompletableFuture.completedFuture(value);
    }

    // The STOMP side's; the REST API never asks.

    @Override
    public CompletableFuture<OrderEvent> place(String username, OrderRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<OrderEvent> reject(String username, OrderRejectedException rejection) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> cancel(String username, CancelRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<List<OrderEvent>> orders(String username) {
        throw new UnsupportedOperationException();
    }
}
