package com.stockticker.cluster;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;

import com.stockticker.cluster.Backplane.Operation;
import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;
import com.stockticker.trading.OrderQuery;
import com.stockticker.trading.OrderRequest;
import com.stockticker.trading.TradingService;

/**
 * What the core does with an edge's request, without RabbitMQ: checks who sent it, does it for the user it
 * names, and makes the reply, which is the answer's JSON or a refusal (an {@link ErrorCode} and a message, as
 * the core's own clients would get it).
 *
 * <p>Only the instances' RabbitMQ users are trusted (the edges' and the cores' own, as standby cores ask too):
 * RabbitMQ checks a message's {@code user_id} against the login of the connection that published it, so a
 * request that names an instance's user came from an instance, and the user name it carries is the one that
 * instance authenticated. Anything else is refused without being looked at.
 */
class CoreRequests {

    private static final Logger log = LoggerFactory.getLogger(CoreRequests.class);

    private final TradingService trading;
    private final Supplier<CoreMarket> market;
    private final Set<String> instanceUsers;
    private final BackplaneMessages messages;

    CoreRequests(TradingService trading, Supplier<CoreMarket> market, Set<String> instanceUsers, BackplaneMessages messages) {
        this.trading = trading;
        this.market = market;
        this.instanceUsers = Set.copyOf(instanceUsers);
        this.messages = messages;
    }

    Message handle(Message request) {
        String sender = request.getMessageProperties().getReceivedUserId();
        if (sender == null || !instanceUsers.contains(sender)) {
            log.warn("Refused a request from RabbitMQ user {}: not one of ticker.cluster.edge-users nor the cores' own {}", sender, instanceUsers);
            return refusal(ErrorCode.INTERNAL_ERROR, "The core does not take requests from this instance's RabbitMQ user");
        }
        String operation = BackplaneMessages.header(request, Backplane.OPERATION);
        String user = BackplaneMessages.header(request, Backplane.USER);
        try {
            return messages.write(answer(Operation.valueOf(operation), user, request).join(), Map.of());
        }
        catch (RejectedMessageException ex) {
            return refusal(ex.getCode(), ex.getMessage());
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RejectedMessageException rejected) {
                return refusal(rejected.getCode(), rejected.getMessage());
            }
            return failed(operation, user, ex.getCause());
        }
        catch (RuntimeException ex) {
            return failed(operation, user, ex);
        }
    }

    /** Placing answers with an event only for the sender of a rate-limited order; otherwise the order events tell the user. */
    private CompletableFuture<?> answer(Operation operation, String user, Message request) {
        if (operation != Operation.MARKET && user == null) {
            throw new IllegalArgumentException("no user");
        }
        return switch (operation) {
            case PLACE -> trading.place(user, messages.read(request, OrderRequest.class));
            case REJECT -> trading.reject(user, messages.read(request, RemoteTrading.Rejection.class).toException());
            case CANCEL -> trading.cancel(user, messages.read(request, RemoteTrading.Cancel.class).toRequest());
            case ORDERS -> trading.orders(user);
            case HISTORY -> trading.history(user, messages.read(request, OrderQuery.class));
            case RESET -> trading.reset(user);
            case PORTFOLIO -> trading.portfolio(user);
            case MARKET -> CompletableFuture.completedFuture(market.get());
        };
    }

    private Message failed(String operation, String user, Throwable failure) {
        log.error("Failed to handle a {} request from an edge for user {}", operation, user, failure);
        return refusal(ErrorCode.INTERNAL_ERROR, "The server could not handle this message");
    }

    private Message refusal(ErrorCode code, String message) {
        return messages.write(null, Map.of(Backplane.ERROR_CODE, code.name(), Backplane.ERROR_MESSAGE, message));
    }
}
