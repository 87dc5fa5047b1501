package com.stockticker.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * STOMP over WebSocket ({@code ticker.websocket.*}).
 *
 * @param allowedOrigins origin patterns that browsers may connect from, e.g. {@code https://*.example.com};
 *     empty means same origin only. Clients that send no Origin header (non-browser clients) are always
 *     allowed
 * @param heartbeat STOMP heart-beats the server offers
 * @param messageSizeLimit largest STOMP frame a client may send. Client frames are small requests; a
 *     larger one is a mistake or abuse, and the server buffers up to this much per connection
 * @param sendBufferSizeLimit how much may wait to be sent to one session before it is closed as too slow:
 *     this bounds the memory a client that stops reading can cost, at about 50 batches
 * @param sendTimeLimit how long one send to a session may take before it is closed as too slow; checked
 *     whenever another frame is queued for the session
 * @param fanOutThreads threads that hand topic messages to the sessions; 0 for one per processor
 * @param acceptQueueSize connections the operating system holds for the server before it accepts them
 *     (the listen backlog; Linux caps it at {@code net.core.somaxconn}). Thousands of clients reconnect at
 *     once after a restart; a connection that finds the queue full waits a second or more for TCP to retry
 * @param connectTimeout how long a new WebSocket has to send its STOMP CONNECT before it is closed
 * @param frameTimeout how long a client has to finish a frame it has started sending (a frame may arrive in
 *     several WebSocket messages) before it is closed
 * @param idleTimeout how long a WebSocket on {@code /ws} may go without a byte either way before it is
 *     closed; 0 for never. Heart-beats, or any subscription that gets messages, keep a connection busy
 * @param requestHeadTimeout how long a new TCP connection has to send a complete HTTP request head (the
 *     WebSocket upgrade request, say) before it is closed: a client that dribbles one slowly holds a
 *     connection for nothing
 * @param maxConnections TCP connections the server holds at most; beyond it, it stops accepting until some
 *     close. 0 for no limit
 * @param maxConnectionsPerAddress TCP connections from one remote address at most; more are closed at once.
 *     0 for no limit
 * @param maxSubscriptions lasting subscriptions (to topics and user queues) one connection may hold
 * @param maxSessionsPerUser STOMP sessions one logged-in user may hold on this instance at once: each session
 *     gets every event of the user's orders, so a user with thousands of them would multiply every order's cost
 * @param compression whether to grant WebSocket compression (permessage-deflate) to clients that offer it:
 *     fewer bytes on the wire, for five to thirteen times the memory per connection and a compression per
 *     message and subscriber (docs/protocol.md, "Connecting")
 */
@ConfigurationProperties("ticker.websocket")
@Validated
public record WebSocketProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue @Valid Heartbeat heartbeat,
        @DefaultValue("4KB") @NotNull DataSize messageSizeLimit,
        @DefaultValue("256KB") @NotNull DataSize sendBufferSizeLimit,
        @DefaultValue("5s") @NotNull Duration sendTimeLimit,
        @DefaultValue("0") @PositiveOrZero int fanOutThreads,
        @DefaultValue("1024") @Positive int acceptQueueSize,
        @DefaultValue("10s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration frameTimeout,
        @DefaultValue("5m") @NotNull Duration idleTimeout,
        @DefaultValue("10s") @NotNull Duration requestHeadTimeout,
        @DefaultValue("30000") @PositiveOrZero int maxConnections,
        @DefaultValue("256") @PositiveOrZero int maxConnectionsPerAddress,
        @DefaultValue("100") @Positive int maxSubscriptions,
        @DefaultValue("50") @Positive int maxSessionsPerUser,
        @DefaultValue("false") boolean compression) {

    @AssertTrue(message = "ticker.websocket.connect-timeout, frame-timeout and request-head-timeout must be positive, "
            + "idle-timeout not negative")
    public boolean isTimeoutsValid() {
        return (connectTimeout == null || Duration.ZERO.compareTo(connectTimeout) < 0)
                && (frameTimeout == null || Duration.ZERO.compareTo(frameTimeout) < 0)
                && (requestHeadTimeout == null || Duration.ZERO.compareTo(requestHeadTimeout) < 0)
                && (idleTimeout == null || !idleTimeout.isNegative());
    }

    /** The number of fan-out threads in use when {@code ticker.websocket.fan-out-threads} is {@code fanOutThreads}. */
    public static int fanOutLanes(int fanOutThreads) {
        return fanOutThreads > 0 ? fanOutThreads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * @param send how often the server sends a heart-beat when it has nothing else to send; 0 for never
     * @param receive how often the server wants to hear from the client; 0 for never
     */
    public record Heartbeat(@DefaultValue("10s") @NotNull Duration send, @DefaultValue("10s") @NotNull Duration receive) {
    }
}
