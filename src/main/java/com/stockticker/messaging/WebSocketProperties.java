package com.stockticker.messaging;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
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
        @DefaultValue("1024") @Positive int acceptQueueSize) {

    /** The number of fan-out threads in use. */
    public int fanOutLanes() {
        return fanOutThreads > 0 ? fanOutThreads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * @param send how often the server sends a heart-beat when it has nothing else to send; 0 for never
     * @param receive how often the server wants to hear from the client; 0 for never
     */
    public record Heartbeat(@DefaultValue("10s") @NotNull Duration send, @DefaultValue("10s") @NotNull Duration receive) {
    }
}
