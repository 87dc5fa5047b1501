package com.stockticker.cluster;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import com.stockticker.cluster.InternalMessages.Operation;
import com.stockticker.market.MarketState;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.messaging.Destinations;

/**
 * An edge's market: its {@link QuoteBook} follows the core's, so that snapshots, the REST API, managed
 * subscriptions and readiness work on the edge as on the core. It starts from the core's whole state
 * ({@link Operation#MARKET}), then takes in every batch the core publishes on {@code /topic/prices}, in
 * sequence, and publishes each as the application event the core's market publishes. Like any client, it
 * starts again from the core's state when a batch is missing (RabbitMQ was down, or this edge fell behind).
 *
 * <p>When the core starts again, its market starts again too, from tick 1: the feed takes the new market's
 * state and closes this edge's client connections (see {@link ClientConnections}).
 *
 * <p>Batches are handled on a thread of their own, in order, so that the relay's connection is not held up by
 * the managed subscriptions' work.
 */
@Component
@EdgeRole
class CoreFeed implements InternalListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CoreFeed.class);
    /** Batches kept while the core's state is on its way: at four ticks a second, minutes of them. */
    private static final int MAX_PENDING = 1000;

    private final QuoteBook book;
    private final CoreClient core;
    private final InternalMessages messages;
    private final ApplicationEventPublisher events;
    private final ClientConnections clients;
    private final ThreadPoolTaskExecutor thread = new ThreadPoolTaskExecutor();

    // Only the feed's thread reads and writes these.
    private final Deque<QuoteBatch> pending = new ArrayDeque<>();
    private long lastSeq = -1;
    private Instant lastTimestamp = Instant.MIN;
    private boolean newMarket;
    private boolean synced;
    // Also cleared from the reply's thread when the feed's thread cannot take the reply.
    private volatile boolean requesting;

    CoreFeed(QuoteBook book, CoreClient core, InternalMessages messages, ApplicationEventPublisher events,
            ClientConnections clients) {
        this.book = book;
        this.core = core;
        this.messages = messages;
        this.events = events;
        this.clients = clients;
        thread.setThreadNamePrefix("core-feed-");
        thread.setCorePoolSize(1);
        thread.setMaxPoolSize(1);
        thread.setQueueCapacity(MAX_PENDING);
        thread.initialize();
    }

    @Override
    public String destination() {
        return Destinations.PRICES;
    }

    @Override
    public void handleMessage(Message<?> message) {
        QuoteBatch batch = messages.read(message, new TypeReference<QuoteBatch>() { });
        run(() -> take(batch));
    }

    /**
     * Whatever the core published while RabbitMQ was away is lost: start again from its state. The next batch
     * asks for it; asking now could be too early, before RabbitMQ has this instance's reply subscription.
     */
    @EventListener
    void brokerAvailability(BrokerAvailabilityEvent event) {
        run(() -> synced = false);
    }

    private void take(QuoteBatch batch) {
        if (synced && batch.seq() <= lastSeq) {
            if (!isNewMarket(batch)) {
                // Published before the state this feed started from, and delivered after it.
                return;
            }
            log.info("The core's market started again (tick {} after tick {}); taking its state", batch.seq(), lastSeq);
            synced = false;
            newMarket = true;
            pending.clear();
        }
        if (synced && batch.seq() == lastSeq + 1) {
            apply(batch);
            return;
        }
        if (synced) {
            log.info("Missed the core's batches {} to {}; taking the core's state again", lastSeq + 1, batch.seq() - 1);
            synced = false;
        }
        if (pending.size() == MAX_PENDING) {
            pending.removeFirst();
        }
        pending.addLast(batch);
        requestState();
    }

    private void requestState() {
        if (requesting) {
            return;
        }
        requesting = true;
        core.request(Operation.MARKET, null, null, new TypeReference<MarketState>() { }).whenComplete((state, failure) -> {
            if (!run(() -> restore(state, failure))) {
                // The next batch asks again.
                requesting = false;
            }
        });
    }

    /** Starts again from the core's state and the batches that came after it; a failure waits for the next batch. */
    private void restore(MarketState state, Throwable failure) {
        requesting = false;
        if (failure != null) {
            log.warn("Could not get the market's state from the core: {}", failure.getMessage());
            return;
        }
        book.restore(state);
        lastSeq = state.seq();
        lastTimestamp = state.timestamp();
        synced = true;
        if (newMarket) {
            newMarket = false;
            clients.closeAll(CloseStatus.SERVICE_RESTARTED);
        }
        log.info("Market state taken from the core as of tick {}", state.seq());
        while (!pending.isEmpty()) {
            QuoteBatch next = pending.removeFirst();
            if (next.seq() == lastSeq + 1) {
                apply(next);
            }
            else if (next.seq() > lastSeq + 1) {
                // A gap within the waiting batches: ask again.
                pending.addFirst(next);
                synced = false;
                requestState();
                return;
            }
        }
    }

    /**
     * A batch from before the feed's state is at most a few ticks old; a new market's first batches are
     * numbered from 1 again and stamped later than anything the feed has.
     */
    private boolean isNewMarket(QuoteBatch batch) {
        return batch.timestamp().isAfter(lastTimestamp) || batch.seq() < lastSeq - MAX_PENDING;
    }

    private void apply(QuoteBatch batch) {
        book.record(batch);
        lastSeq = batch.seq();
        lastTimestamp = batch.timestamp();
        events.publishEvent(batch);
    }

    /** @return whether the feed's thread took the task */
    private boolean run(Runnable task) {
        try {
            thread.execute(task);
            return true;
        }
        catch (TaskRejectedException ex) {
            // Fallen far behind: a batch is lost, and the gap it leaves makes the feed start again.
            log.warn("The core's feed is {} batches behind; dropping one", MAX_PENDING);
            return false;
        }
    }

    @Override
    public void destroy() {
        thread.shutdown();
    }
}
