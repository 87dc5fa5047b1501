package com.stockticker.cluster;

import java.time.Duration;
import java.util.List;
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
import com.stockticker.leadership.CoreDuty;
import com.stockticker.market.Candle;
import com.stockticker.market.CandleUpdate;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.roles.ClusterEnabled;

/**
 * The market of an instance that follows the active core (an edge, or a core standing by): its
 * {@link QuoteBook} follows the core's, and each of the core's batches is published here as the application
 * event the core's market publishes, so that this instance's own clients get it from its own topic broker, and
 * snapshots, the REST API, managed subscriptions and readiness work as on the core.
 *
 * <p>Batches come from this instance's market queue, one at a time on the listener's thread, in order. When one
 * is missing (RabbitMQ was away, the instance fell behind and RabbitMQ dropped the oldest of its queue, or
 * another core took over) the feed asks the active core for its whole state and waits for it on that thread:
 * meanwhile the batches wait in RabbitMQ, which keeps only the newest {@code ticker.cluster.market-backlog}, so
 * nothing grows here. When a new market starts (a core on an empty database), the feed takes the new market's
 * state and closes this instance's client connections, whose sequence numbers belong to the market that went
 * (see {@link ClientConnections}).
 *
 * <p>While this instance is the active core itself, it follows nobody: its own batches come back through its
 * queue and are dropped.
 */
@Component
@ClusterEnabled
class CoreFeed implements CoreDuty {

    private static final Logger log = LoggerFactory.getLogger(CoreFeed.class);

    private final MarketFollower follower = new MarketFollower();
    private final QuoteBook book;
    private final CoreClient core;
    private final BackplaneMessages messages;
    private final ApplicationEventPublisher events;
    private final ClientConnections clients;
    private final Duration timeout;
    private volatile boolean following = true;

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
        MarketOrigin origin = Backplane.origin(message);
        Step step;
        synchronized (this) {
            step = following ? follower.next(batch, origin) : Step.SKIP;
        }
        if (step == Step.RESYNC) {
            // Without the lock: a takeover must not wait for a core that may be gone.
            CoreMarket market = fetchState();
            if (market == null) {
                return;
            }
            synchronized (this) {
                step = following ? restore(market, batch, origin) : Step.SKIP;
            }
        }
        if (step == Step.APPLY) {
            synchronized (this) {
                if (following) {
                    List<Candle> candles = book.record(batch);
                    events.publishEvent(batch);
                    events.publishEvent(new CandleUpdate(batch.seq(), candles));
                }
            }
        }
    }

    /** The active core this instance follows; {@code null} before it took the core's state, or while it is that core. */
    synchronized MarketOrigin followed() {
        return following ? follower.origin() : null;
    }

    /** Waits for a batch being applied, if one is: from now on this instance's own market publishes. */
    @Override
    public synchronized void takeOver() {
        following = false;
    }

    @Override
    public synchronized void standDown() {
        follower.forget();
        following = true;
    }

    @Override
    public int getOrder() {
        return FOLLOWING;
    }

    /** @return the active core's market, or {@code null} if it did not come (again with the next batch) */
    private CoreMarket fetchState() {
        try {
            return core.request(Operation.MARKET, null, null, new TypeReference<CoreMarket>() { })
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            log.warn("Could not take the market's state from the core (again with the next batch): {}",
                    Replies.failure(ex, timeout).getMessage());
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** @return what to do with the batch that asked for the state */
    private Step restore(CoreMarket market, QuoteBatch batch, MarketOrigin origin) {
        boolean newMarket = follower.restore(market);
        book.restore(market.state(), market.origin().market());
        log.info("Took the core's market state as of tick {} (epoch {}; batch {} arrived)", market.state().seq(),
                market.origin().epoch(), batch.seq());
        if (newMarket) {
            log.info("A new market started; this instance's clients start afresh");
            clients.closeAll(CloseStatus.SERVICE_RESTARTED);
        }
        return follower.next(batch, origin);
    }
}
