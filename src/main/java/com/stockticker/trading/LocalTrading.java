package com.stockticker.trading;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Service;

import com.stockticker.roles.CoreRole;

/** Trading on the core: the desk answers at once, and a refusal is thrown as it is. */
@Service
@CoreRole
class LocalTrading implements TradingService {

    private final TradingDesk desk;

    LocalTrading(TradingDesk desk) {
        this.desk = desk;
    }

    @Override
    public CompletableFuture<Void> place(String username, OrderRequest request) {
        desk.place(username, request);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> reject(String username, OrderRejectedException rejection) {
        desk.reject(username, rejection);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> cancel(String username, CancelRequest request) {
        desk.cancel(username, request.orderId(), request.clientOrderId());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<OrderEvent>> orders(String username) {
        return CompletableFuture.completedFuture(desk.orders(username));
    }

    @Override
    public CompletableFuture<Portfolio> portfolio(String username) {
        return CompletableFuture.completedFuture(desk.portfolio(username));
    }
}
