package com.stockticker.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;

import com.stockticker.cluster.Backplane.Operation;
import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;
import com.stockticker.market.MarketState;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the core answers an edge, without RabbitMQ: requests from the edges' RabbitMQ user only, for the user they
 * name, with refusals carried back as the core's own clients would get them.
 */
class CoreRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BackplaneMessages messages = new BackplaneMessages(JSON);
    private final Desk desk = new Desk();
    private final CoreMarket market = new CoreMarket(new MarketOrigin("m-1", 3, "core-a"),
            new MarketState(42, Instant.parse("2026-12-01T12:00:00Z"), List.of(), List.of()));
    private final CoreRequests requests = new CoreRequests(desk, () -> market, Set.of("ticker-edge", "ticker-core"), messages);

    @Test
    void aStandbyCoreIsHeardAsAnEdgeIs() {
        OrderRequest order = new OrderRequest("c-9", "KO", Side.BUY, OrderType.MARKET, 1, null);
        Message reply = requests.handle(request("ticker-core", Operation.PLACE, "alice", order));
        assertThat(BackplaneMessages.header(reply, Backplane.ERROR_CODE)).isNull();
        assertThat(desk.calls).containsExactly("place alice " + order);
    }

    @Test
    void placesAnOrderForTheUserTheEdgeNamesAndAnswersWithNothing() {
        OrderRequest order = new OrderRequest("c-1", "KO", Side.BUY, OrderType.MARKET, 3, null);
        Message reply = requests.handle(request("ticker-edge", Operation.PLACE, "alice", order));

        assertThat(reply.getBody()).isEmpty();
        assertThat(BackplaneMessages.header(reply, Backplane.ERROR_CODE)).isNull();
        assertThat(desk.calls).containsExactly("place alice " + order);
    }

    @Test
    void cancelsAndRejectsAsTheEdgeAsked() {
        requests.handle(request("ticker-edge", Operation.CANCEL, "bob", new RemoteTrading.Cancel(null, "c-2")));
        requests.handle(request("ticker-edge", Operation.REJECT, "bob",
                new RemoteTrading.Rejection("c-3", ErrorCode.UNKNOWN_FIELD, "unknown field comment")));
        assertThat(desk.calls).containsExactly("cancel bob " + new CancelRequest(null, "c-2"), "reject bob c-3 UNKNOWN_FIELD");
    }

    @Test
    void answersSnapshotsAndTheMarketsStateAsJson() {
        JsonNode market = JSON.readTree(requests.handle(request("ticker-edge", Operation.MARKET, null, null)).getBody());
        assertThat(market.get("state").get("seq").asLong()).isEqualTo(42);
        assertThat(market.get("origin").get("epoch").asLong()).isEqualTo(3);
        JsonNode orders = JSON.readTree(requests.handle(request("ticker-edge", Operation.ORDERS, "alice", null)).getBody());
        assertThat(orders.isArray()).isTrue();
        assertThat(desk.calls).containsExactly("orders alice");
    }

    @Test
    void pagesThroughTheHistoryAndResetsTheAccountOfTheUserTheEdgeNames() {
        OrderQuery query = new OrderQuery(Set.of(OrderStatus.FILLED), Instant.parse("2026-12-01T00:00:00Z"), null, "O-17", 2);
        JsonNode page = JSON.readTree(requests.handle(request("ticker-edge", Operation.HISTORY, "alice", query)).getBody());
        assertThat(page.isArray()).isTrue();
        requests.handle(request("ticker-edge", Operation.RESET, "bob", null));
        assertThat(desk.calls).containsExactly("history alice " + query, "reset bob");
    }

    @Test
    void aRefusalOfTheDeskGoesBackWithItsCodeAndMessage() {
        desk.refusal = new RejectedMessageException(ErrorCode.ORDER_NOT_FOUND, "No open order O-9");
        Message thrown = requests.handle(request("ticker-edge", Operation.CANCEL, "alice", new RemoteTrading.Cancel("O-9", null)));
        assertRefused(thrown, ErrorCode.ORDER_NOT_FOUND, "No open order O-9");

        desk.refusalInFuture = true;
        Message failed = requests.handle(request("ticker-edge", Operation.PORTFOLIO, "alice", null));
        assertRefused(failed, ErrorCode.ORDER_NOT_FOUND, "No open order O-9");
    }

    @Test
    void aFailureOfTheCoreIsAnInternalErrorThatSaysNothingOfIt() {
        desk.failure = new IllegalStateException("secret detail");
        assertRefused(requests.handle(request("ticker-edge", Operation.ORDERS, "alice", null)), ErrorCode.INTERNAL_ERROR,
                "The server could not handle this message");
        assertRefused(requests.handle(request("ticker-edge", Operation.ORDERS, null, null)), ErrorCode.INTERNAL_ERROR,
                "The server could not handle this message");
    }

    @Test
    void onlyTheEdgesRabbitMqUsersAreHeard() {
        OrderRequest order = new OrderRequest("c-1", "KO", Side.BUY, OrderType.MARKET, 3, null);
        // A request that RabbitMQ did not vouch for, or from another of its users.
        for (String sender : new String[] { null, "guest", "ticker-client" }) {
            Message reply = requests.handle(request(sender, Operation.PLACE, "alice", order));
            assertThat(BackplaneMessages.header(reply, Backplane.ERROR_CODE)).isEqualTo(ErrorCode.INTERNAL_ERROR.name());
        }
        assertThat(desk.calls).isEmpty();
    }

    private Message request(String rabbitUser, Operation operation, String user, Object body) {
        Map<String, String> headers = new HashMap<>(Map.of(Backplane.OPERATION, operation.name()));
        if (user != null) {
            headers.put(Backplane.USER, user);
        }
        Message message = messages.write(body, headers);
        // What Spring AMQP reads from the AMQP user_id property, which RabbitMQ checked against the publisher's login.
        message.getMessageProperties().setReceivedUserId(rabbitUser);
        return message;
    }

    private static void assertRefused(Message reply, ErrorCode code, String message) {
        assertThat(BackplaneMessages.header(reply, Backplane.ERROR_CODE)).isEqualTo(code.name());
        assertThat(BackplaneMessages.header(reply, Backplane.ERROR_MESSAGE)).isEqualTo(message);
    }

    /** Records what it is asked, as the desk would be; refuses or fails when told to. */
    private static final class Desk implements TradingService {

        final List<String> calls = new ArrayList<>();
        RejectedMessageException refusal;
        boolean refusalInFuture;
        RuntimeException failure;

        private <T> CompletableFuture<T> answer(String call, T value) {
            if (failure != null) {
                throw failure;
            }
            if (refusal != null) {
                if (refusalInFuture) {
                    return CompletableFuture.failedFuture(refusal);
                }
                throw refusal;
            }
            calls.add(call);
            return CompletableFuture.completedFuture(value);
        }

        @Override
        public CompletableFuture<OrderEvent> place(String username, OrderRequest request) {
            return answer("place " + username + " " + request, null);
        }

        @Override
        public CompletableFuture<OrderEvent> reject(String username, OrderRejectedException rejection) {
            return answer("reject " + username + " " + rejection.getClientOrderId() + " " + rejection.getReason(), null);
        }

        @Override
        public CompletableFuture<Void> cancel(String username, CancelRequest request) {
            return answer("cancel " + username + " " + request, null);
        }

        @Override
        public CompletableFuture<List<OrderEvent>> orders(String username) {
            return answer("orders " + username, List.of());
        }

        @Override
        public CompletableFuture<List<OrderEvent>> history(String username, OrderQuery query) {
            return answer("history " + username + " " + query, List.of());
        }

        @Override
        public CompletableFuture<Portfolio> reset(String username) {
            return answer("reset " + username, (Portfolio) null);
        }

        @Override
        public CompletableFuture<Portfolio> portfolio(String username) {
            return answer("portfolio " + username, (Portfolio) null);
        }
    }
}
