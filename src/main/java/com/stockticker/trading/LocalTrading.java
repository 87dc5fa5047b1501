package com.stockticker.trading;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Service;

import com.stockticker.errors.ErrorCode;
import com.stockticker.roles.CoreRole;

/**
 * Trading on the core: the desk takes orders at once, and a refusal is thrown as it is; snapshots are answered
 * once what they show is stored.
 */
@Service
@CoreRole
class LocalTrading implements TradingService {

    private final TradingDesk desk;

    LocalTrading(TradingDesk desk) {
        this.desk = desk;
    }

    @Override
    public CompletableFuture<OrderEvent> place(String username, OrderRequest request) {
        return forSender(desk.place(username, request));
    }

    @Override
    public CompletableFuture<OrderEvent> reject(String username, OrderRejectedException rejection) {
        return forSender(desk.reject(username, rejection));
    }

    /** A rate-limited message's rejection, for the sender alone; every other event the desk tells every session. */
    private CompletableFuture<OrderEvent> forSender(OrderEvent event) {
        if (event.reason() != ErrorCode.RATE_LIMITED) {
            return CompletableFuture.completedFuture(null);
        }
        return desk.told().thenApply(done -> event);
    }

    @Override
    public CompletableFuture<Void> cancel(String username, CancelRequest request) {
        desk.cancel(username, request.orderId(), request.clientOrderId());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<OrderEvent>> orders(String username) {
        return desk.storedOrders(username);
    }

    @Override
    public CompletableFuture<List<OrderEvent>> history(String username, OrderQuery query) {
        return CompletableFuture.completedFuture(desk.history(username, query));
    }

    @Override
    public CompletableFuture<Portfolio> reset(String username) {
        return desk.reset(username);
    }

    @Override
    public CompletableFuture<Portfolio> portfolio(String username) {
        return desk.storedPortfolio(username);
    }
}
