package com.stockticker.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import tools.jackson.core.type.TypeReference;

import org.springframework.stereotype.Service;

import com.stockticker.cluster.Backplane.Operation;
import com.stockticker.errors.ErrorCode;
import com.stockticker.roles.ClusterEnabled;
import com.stockticker.trading.CancelRequest;
import com.stockticker.trading.OrderEvent;
import com.stockticker.trading.OrderQuery;
import com.stockticker.trading.OrderRejectedException;
import com.stockticker.trading.OrderRequest;
import com.stockticker.trading.Portfolio;
import com.stockticker.trading.TradingService;

/**
 * Trading on an edge: the edge reads and checks the client's message as the core would, then hands it to the
 * core with the authenticated user's name. Clients cannot reach that path: they talk to the edge only, never
 * to RabbitMQ.
 */
@Service
@ClusterEnabled
class RemoteTrading implements TradingService {

    private static final TypeReference<Void> NOTHING = new TypeReference<>() { };
    /** The core's answer to an order: an event for the sending session alone, or nothing. */
    private static final TypeReference<OrderEvent> SENDER_ONLY = new TypeReference<>() { };

    private final CoreClient core;

    RemoteTrading(CoreClient core) {
        this.core = core;
    }

    @Override
    public CompletableFuture<OrderEvent> place(String username, OrderRequest request) {
        return core.request(Operation.PLACE, username, request, SENDER_ONLY);
    }

    @Override
    public CompletableFuture<OrderEvent> reject(String username, OrderRejectedException rejection) {
        return core.request(Operation.REJECT, username,
                new Rejection(rejection.getClientOrderId(), rejection.getReason(), rejection.getMessage()), SENDER_ONLY);
    }

    @Override
    public CompletableFuture<Void> cancel(String username, CancelRequest request) {
        return core.request(Operation.CANCEL, username, new Cancel(request.orderId(), request.clientOrderId()), NOTHING);
    }

    @Override
    public CompletableFuture<List<OrderEvent>> orders(String username) {
        return core.request(Operation.ORDERS, username, null, new TypeReference<>() { });
    }

    @Override
    public CompletableFuture<List<OrderEvent>> history(String username, OrderQuery query) {
        return core.request(Operation.HISTORY, username, query, new TypeReference<>() { });
    }

    @Override
    public CompletableFuture<Portfolio> reset(String username) {
        return core.request(Operation.RESET, username, null, new TypeReference<>() { });
    }

    @Override
    public CompletableFuture<Portfolio> portfolio(String username) {
        return core.request(Operation.PORTFOLIO, username, null, new TypeReference<>() { });
    }

    /** A {@link CancelRequest} on its way to the core, checked already (its validation method is no JSON field). */
    record Cancel(String orderId, String clientOrderId) {

        CancelRequest toRequest() {
            return new CancelRequest(orderId, clientOrderId);
        }
    }

    /** An {@link OrderRejectedException} on its way to the core. */
    record Rejection(String clientOrderId, ErrorCode reason, String message) {

        OrderRejectedException toException() {
            return new OrderRejectedException(clientOrderId, reason, message);
        }
    }
}
