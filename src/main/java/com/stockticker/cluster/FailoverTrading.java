package com.stockticker.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Service;

import com.stockticker.leadership.CoreLeadership;
import com.stockticker.roles.ClusterEnabled;
import com.stockticker.roles.CoreRole;
import com.stockticker.trading.CancelRequest;
import com.stockticker.trading.OrderEvent;
import com.stockticker.trading.OrderQuery;
import com.stockticker.trading.OrderRejectedException;
import com.stockticker.trading.OrderRequest;
import com.stockticker.trading.Portfolio;
import com.stockticker.trading.TradingService;

/**
 * Trading for the clients of a core in a cluster: its own desk while it is the active core, the active core
 * through RabbitMQ (as on an edge) while it stands by. Each request goes where trading is at the moment it
 * comes; one caught in a takeover is refused with {@code SERVICE_UNAVAILABLE} and may be sent again.
 */
@Service
@Primary
@CoreRole
@ClusterEnabled
class FailoverTrading implements TradingService {

    private final CoreLeadership leadership;
    private final TradingService local;
    private final RemoteTrading remote;

    FailoverTrading(CoreLeadership leadership, @Qualifier("localTrading") TradingService local, RemoteTrading remote) {
        this.leadership = leadership;
        this.local = local;
        this.remote = remote;
    }

    private TradingService trading() {
        return leadership.active() ? local : remote;
    }

    @Override
    public CompletableFuture<OrderEvent> place(String username, OrderRequest request) {
        return trading().place(username, request);
    }

    @Override
    public CompletableFuture<OrderEvent> reject(String username, OrderRejectedException rejection) {
        return trading().reject(username, rejection);
    }

    @Override
    public CompletableFuture<Void> cancel(String username, CancelRequest request) {
        return trading().cancel(username, request);
    }

    @Override
    public CompletableFuture<List<OrderEvent>> orders(String username) {
        return trading().orders(username);
    }

    @Override
    public CompletableFuture<List<OrderEvent>> history(String username, OrderQuery query) {
        return trading().history(username, query);
    }

    @Override
    public CompletableFuture<Portfolio> reset(String username) {
        return trading().reset(username);
    }

    @Override
    public CompletableFuture<Portfolio> portfolio(String username) {
        return trading().portfolio(username);
    }
}
