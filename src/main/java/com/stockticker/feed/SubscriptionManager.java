package com.stockticker.feed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;
import com.stockticker.market.MarketProperties;
import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.SessionMessenger;

/**
 * Keeps every session's managed subscriptions and streams them: a snapshot when a session subscribes,
 * then, on each tick, the conflated updates that are due. A session's state comes with its CONNECT and
 * goes with its disconnect, so a request that arrives after the disconnect finds nothing to add to.
 * Updates are worked out on a thread of their own, so the market's tick thread never waits for them;
 * only sessions that follow something are visited, and ticks that arrive while a round of updates is
 * being sent are merged into the next round rather than queued.
 */
@Component
class SubscriptionManager {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionManager.class);
    private static final String UPDATES = "managedUpdates";

    private final Map<String, ManagedSession> sessions = new ConcurrentHashMap<>();
    private final Set<ManagedSession> streaming = ConcurrentHashMap.newKeySet();
    private final Executor updates;
    private final Queue<QuoteBatch> ticks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final QuoteBook book;
    private final SessionMessenger messenger;
    private final SubscriptionProperties limits;
    private final long tickMillis;

    SubscriptionManager(QuoteBook book, SessionMessenger messenger, SubscriptionProperties limits,
            MarketProperties market, @Qualifier(UPDATES) Executor updates) {
        this.book = book;
        this.messenger = messenger;
        this.limits = limits;
        this.tickMillis = market.tickInterval().toMillis();
        this.updates = updates;
    }

    /** The one thread the updates are worked out on; a bean built with Boot's builder, so that it has metrics. */
    @Bean(UPDATES)
    static ThreadPoolTaskExecutor managedUpdates(ThreadPoolTaskExecutorBuilder builder) {
        return builder.threadNamePrefix("managed-updates-").corePoolSize(1).maxPoolSize(1).allowCoreThreadTimeOut(false)
                .queueCapacity(Integer.MAX_VALUE).acceptTasksAfterContextClose(true).build();
    }

    void apply(String sessionId, SubscriptionRequest request) {
        Set<String> symbols = new LinkedHashSet<>(request.symbols());
        if (request.action() == SubscriptionRequest.Action.UNSUBSCRIBE) {
            unsubscribe(sessionId, symbols);
        }
        else {
            subscribe(sessionId, symbols, request.maxRate() != null ? request.maxRate() : limits.maxRate());
        }
    }

    private void subscribe(String sessionId, Set<String> symbols, double maxRate) {
        checkSymbolCount(symbols.size());
        List<String> unknown = symbols.stream().filter(symbol -> !book.contains(symbol)).toList();
        if (!unknown.isEmpty()) {
            throw new RejectedMessageException(ErrorCode.UNKNOWN_SYMBOL, "Unknown symbols: " + String.join(", ", unknown));
        }
        if (!(maxRate > 0 && maxRate <= limits.maxRate())) {
            throw new RejectedMessageException(ErrorCode.RATE_OUT_OF_RANGE,
                    "maxRate must be more than 0 and at most " + limits.maxRate() + " updates per second, not " + maxRate);
        }
        ManagedSession session = sessions.get(sessionId);
        if (session == null) {
            return;
        }
        synchronized (session) {
            checkSymbolCount(session.symbolCountWith(symbols));
            QuoteBatch snapshot = book.snapshot();
            List<Quote> quotes = snapshot.quotes().stream().filter(quote -> symbols.contains(quote.symbol())).toList();
            session.subscribe(symbols, ticksBetween(maxRate), snapshot.seq());
            streaming.add(session);
            send(session, new ManagedQuotes(ManagedQuotes.Type.SNAPSHOT, snapshot.seq(), snapshot.timestamp(), quotes));
        }
    }

    private void unsubscribe(String sessionId, Set<String> symbols) {
        ManagedSession session = sessions.get(sessionId);
        if (session != null) {
            synchronized (session) {
                session.unsubscribe(symbols);
                if (session.isEmpty()) {
                    streaming.remove(session);
                }
            }
        }
    }

    @EventListener
    void onTick(QuoteBatch tick) {
        if (!streaming.isEmpty()) {
            ticks.add(tick);
            if (draining.compareAndSet(false, true)) {
                updates.execute(this::drainTicks);
            }
        }
    }

    /**
     * Works through the ticks that have arrived, all of them at once: when updates fall behind the market,
     * the ticks in between are merged (each symbol's latest quote), never queued up.
     */
    private void drainTicks() {
        while (true) {
            List<QuoteBatch> arrived = new ArrayList<>();
            for (QuoteBatch tick = ticks.poll(); tick != null; tick = ticks.poll()) {
                arrived.add(tick);
            }
            if (!arrived.isEmpty()) {
                sendUpdates(arrived);
                continue;
            }
            draining.set(false);
            if (ticks.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void sendUpdates(List<QuoteBatch> arrived) {
        QuoteBatch last = arrived.get(arrived.size() - 1);
        for (ManagedSession session : streaming) {
            synchronized (session) {
                List<Quote> due = session.due(arrived);
                if (!due.isEmpty()) {
                    try {
                        send(session, new ManagedQuotes(ManagedQuotes.Type.UPDATE, last.seq(), last.timestamp(), due));
                    }
                    catch (RuntimeException ex) {
                        // One session's failure must not stop the updates of the others (or of the next rounds).
                        log.warn("Managed update to session {} failed", session.id(), ex);
                    }
                }
            }
        }
    }

    @EventListener
    void onConnect(SessionConnectEvent event) {
        String sessionId = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
        sessions.put(sessionId, new ManagedSession(sessionId));
    }

    @EventListener
    void onDisconnect(SessionDisconnectEvent event) {
        ManagedSession session = sessions.remove(event.getSessionId());
        if (session != null) {
            streaming.remove(session);
        }
    }

    /**
     * The whole number of ticks between two updates of a symbol that keeps to {@code maxRate}: updates go
     * out on ticks, so the rate a session gets is the tick rate divided by a whole number.
     */
    int ticksBetween(double maxRate) {
        double ticks = 1000.0 / (maxRate * tickMillis);
        return (int) Math.max(1, Math.ceil(ticks - 1e-9));
    }

    private void checkSymbolCount(int count) {
        if (count > limits.maxSymbols()) {
            throw new RejectedMessageException(ErrorCode.TOO_MANY_SYMBOLS,
                    "A session may follow at most " + limits.maxSymbols() + " symbols, this request would make " + count);
        }
    }

    private void send(ManagedSession session, ManagedQuotes quotes) {
        messenger.send(session.id(), Destinations.USER_QUOTES, quotes);
    }
}
