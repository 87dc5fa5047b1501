package com.stockticker.cluster;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import com.stockticker.cluster.InternalMessages.Operation;
import com.stockticker.market.QuoteBook;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.ErrorCode;
import com.stockticker.messaging.RejectedMessageException;
import com.stockticker.trading.OrderRequest;
import com.stockticker.trading.TradingDesk;

/**
 * The core's side of {@link CoreClient}: does what edges ask, for the user they name, and answers the
 * instance that asked. Only instances can publish here (the system login), so the user name is trusted as
 * the edge authenticated it. Order events and portfolios that follow go to the user's sessions wherever they
 * are, as for the core's own clients.
 */
@Component
@CoreRole
@RelayMode
class CoreEndpoint implements InternalListener {

    private static final Logger log = LoggerFactory.getLogger(CoreEndpoint.class);

    private final TradingDesk desk;
    private final QuoteBook book;
    private final AnnouncedSessions sessions;
    private final InternalMessages messages;

    CoreEndpoint(TradingDesk desk, QuoteBook book, AnnouncedSessions sessions, InternalMessages messages) {
        this.desk = desk;
        this.book = book;
        this.sessions = sessions;
        this.messages = messages;
    }

    @Override
    public String destination() {
        return Destinations.CORE_REQUESTS;
    }

    @Override
    public void handleMessage(Message<?> request) {
        String operation = InternalMessages.header(request, InternalMessages.OPERATION);
        String user = InternalMessages.header(request, InternalMessages.USER);
        try {
            // Placing and canceling answer with nothing: the order events tell the user what happened.
            Object answer = switch (Operation.valueOf(operation)) {
                case PLACE -> {
                    desk.place(user, messages.read(request, new TypeReference<OrderRequest>() { }));
                    yield null;
                }
                case REJECT -> {
                    desk.reject(user, messages.read(request, new TypeReference<RemoteTrading.Rejection>() { }).toException());
                    yield null;
                }
                case CANCEL -> {
                    RemoteTrading.Cancel cancel = messages.read(request, new TypeReference<RemoteTrading.Cancel>() { });
                    desk.cancel(user, cancel.orderId(), cancel.clientOrderId());
                    yield null;
                }
                case ORDERS -> desk.orders(user);
                case PORTFOLIO -> desk.portfolio(user);
                case MARKET -> book.state();
                case SESSION -> {
                    sessions.announce(user, messages.read(request, new TypeReference<String>() { }));
                    yield null;
                }
            };
            reply(request, answer, Map.of());
        }
        catch (RejectedMessageException ex) {
            reply(request, null, Map.of(InternalMessages.ERROR_CODE, ex.getCode().name(), InternalMessages.ERROR_MESSAGE, ex.getMessage()));
        }
        catch (RuntimeException ex) {
            log.error("Failed to handle a {} request from an edge for user {}", operation, user, ex);
            reply(request, null, Map.of(InternalMessages.ERROR_CODE, ErrorCode.INTERNAL_ERROR.name(),
                    InternalMessages.ERROR_MESSAGE, "The server could not handle this message"));
        }
    }

    private void reply(Message<?> request, Object body, Map<String, String> outcome) {
        String replyTo = InternalMessages.header(request, InternalMessages.REPLY_TO);
        String correlation = InternalMessages.header(request, InternalMessages.CORRELATION);
        if (replyTo == null || correlation == null || !replyTo.startsWith(Destinations.INSTANCE_REPLIES_PREFIX)) {
            return;
        }
        Map<String, String> headers = new HashMap<>(outcome);
        headers.put(InternalMessages.CORRELATION, correlation);
        messages.send(replyTo, headers, body);
    }
}
