package com.stockticker.cluster;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import com.stockticker.cluster.Backplane.Operation;
import com.stockticker.cluster.MarketFollower.Step;
import com.stockticker.market.MarketState;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.roles.EdgeRole;

/**
 * An edge's market: its {@link QuoteBook} follows the core's, and each of the core's batches is published here
 * as the application event the core's market publishes, so that this edge's own clients get it from its own
 * topic broker, and snapshots, the REST API, managed subscriptions and readiness work as on the core.
 *
 * <p>Batches come from this edge's market queue, one at a time on the listener's thread, in order. When one is
 * missing (RabbitMQ was away, or the edge fell behind and RabbitMQ dropped the oldest of its queue) the feed
 * asks the core for its whole state and waits for it on that thread: meanwhile the batches wait in RabbitMQ,
 * which keeps only the newest {@code ticker.cluster.market-backlog}, so nothing grows here. When the core's
 * market starts again (a new core), the feed takes the new market's state and closes this edge's client
 * connections, whose sequence numbers belong to the market that went (see {@link ClientConnections}).
 */
@Component
@EdgeRole
class CoreFeed {

    private static final Logger log = LoggerFactory.getLogger(CoreFeed.class);

    private final MarketFollower follower = new MarketFollower();
    private final QuoteBook book;
    private final CoreClient core;
    private final BackplaneMessages messages;
    private final ApplicationEventPublisher events;
    private final ClientConnections clients;
    private final Duration timeout;

    CoreFeed(QuoteBook book, CoreClient core, BackplaneMessages messages, ApplicationEventPublisher events,
            ClientConnections clients, ClusterProperties properties) {
        this.book = book;
        this.core = core;
        this.messages = messages;
        this.events = events;
        this.clients = clients;
        this.timeout = properties.cluster().requestTimeout();
    }

    @RabbitListener(id = "coreFeed", queues = "#{@marketQueue.name}", concurrency = "1")
    void take(Message message) {
        QuoteBatch batch = messages.read(message, QuoteBatch.class);
        Step step = follower.next(batch);
        if (step == Step.RESYNC && resync(batch)) {
            step = follower.next(batch);
        }
        if (step == Step.APPLY) {
            book.record(batch);
            events.publishEvent(batch);
        }
    }

    /** @return whether the feed has the core's state now */
    private boolean resync(QuoteBatch batch) {
        MarketState state;
        try {
            state = core.request(Operation.MARKET, null, null, new TypeReference<MarketState>() { })
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            log.warn("Could not take the market's state from the core (again with the next batch): {}",
                    Replies.failure(ex, timeout).getMessage());
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
        boolean newMarket = follower.restore(state);
        book.restore(state);
        log.info("Took the core's market state as of tick {} (batch {} arrived)", state.seq(), batch.seq());
        if (newMarket) {
            log.info("The core's market started again; its clients start afresh");
            clients.closeAll(CloseStatus.SERVICE_RESTARTED);
        }
        return true;
    }
}
