package com.stockticker.ops;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import com.stockticker.market.MarketTicker;

/**
 * Says goodbye before the web server goes. The web server's graceful shutdown comes first among Spring's own
 * shutdown steps and is made for HTTP requests: it does not close upgraded WebSocket connections with a close
 * frame (with Tomcat, clients saw 1006). So this runs earlier still: it stops the market, lets the messages
 * already on their way out drain, then closes every session with 1001 (going away), which clients take as
 * "reconnect later".
 */
@Component
class GracefulDisconnect implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulDisconnect.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final ObjectProvider<MarketTicker> market;
    private final SubProtocolWebSocketHandler sessions;
    private final ThreadPoolTaskExecutor outbound;
    private volatile boolean running;

    /**
     * @param market an optional bean, not a cycle's workaround: the market, on the core; an edge has none to stop
     * @param outbound the executor of Spring's outbound channel, by its name: Spring makes it inside its STOMP
     *     configuration, beside two other executors of the same type, and offers no other way to reach it
     */
    GracefulDisconnect(ObjectProvider<MarketTicker> market, SubProtocolWebSocketHandler sessions,
            @Qualifier("clientOutboundChannelExecutor") ThreadPoolTaskExecutor outbound) {
        this.market = market;
        this.sessions = sessions;
        this.outbound = outbound;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        market.ifAvailable(MarketTicker::standDown);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        ThreadPoolExecutor executor = outbound.getThreadPoolExecutor();
        while ((executor.getActiveCount() > 0 || !executor.getQueue().isEmpty()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("Closing {} WebSocket sessions before shutdown", sessions.getStats().getWebSocketSessions());
        sessions.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's graceful shutdown, which is {@code DEFAULT_PHASE - 1024}. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
