package com.stockticker.cluster;

import java.util.Set;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import com.stockticker.market.QuoteBook;
import com.stockticker.roles.ClusterEnabled;
import com.stockticker.roles.CoreRole;
import com.stockticker.trading.TradingService;

/**
 * The core's side of {@link CoreClient}: takes the edges' requests from the core's queue, one at a time in the
 * order they came (so a client's orders are placed in the order it sent them), and answers each on the
 * requester's reply-to address; Spring AMQP copies the correlation id. {@link CoreRequests} decides the answer.
 */
@Component
@CoreRole
@ClusterEnabled
class CoreEndpoint {

    private final CoreRequests requests;

    CoreEndpoint(TradingService trading, QuoteBook book, ClusterProperties properties, BackplaneMessages messages) {
        this.requests = new CoreRequests(trading, book::state, Set.copyOf(properties.cluster().edgeUsers()), messages);
    }

    @RabbitListener(id = "coreRequests", queues = Backplane.CORE_QUEUE, concurrency = "1")
    Message handle(Message request) {
        return requests.handle(request);
    }
}
