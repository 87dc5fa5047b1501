package com.stockticker.cluster;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What this instance does and which STOMP broker it uses ({@code ticker.role}, {@code ticker.broker.*}).
 *
 * @param role {@code core}: runs the market and paper trading, and serves clients; a single instance is a
 *     core. {@code edge}: serves clients only, with prices and trading from the core through RabbitMQ; needs
 *     {@code ticker.broker.mode=relay}. Run exactly one core per RabbitMQ virtual host
 * @param broker the STOMP broker
 */
@ConfigurationProperties("ticker")
@Validated
public record ClusterProperties(
        @DefaultValue("core") @NotNull Role role,
        @DefaultValue @Valid Broker broker) {

    @AssertTrue(message = "ticker.role=edge needs ticker.broker.mode=relay: an edge has no market of its own and gets "
            + "prices and trading from the core through RabbitMQ")
    public boolean isEdgeOnRelay() {
        return role != Role.EDGE || broker == null || broker.mode() == BrokerMode.RELAY;
    }

    public boolean relay() {
        return broker.mode() == BrokerMode.RELAY;
    }

    public enum Role {
        CORE, EDGE
    }

    public enum BrokerMode {
        /** Spring's embedded broker: one instance, no other software. */
        SIMPLE,
        /** RabbitMQ with its STOMP plugin, through Spring's STOMP broker relay: several instances. */
        RELAY
    }

    /**
     * @param mode {@code simple}: the embedded broker. {@code relay}: RabbitMQ, through Spring's STOMP broker
     *     relay, so that several instances share prices, users and trading
     * @param relay where RabbitMQ's STOMP plugin is and how to log in; only for {@code relay}
     */
    public record Broker(
            @DefaultValue("simple") @NotNull BrokerMode mode,
            @DefaultValue @Valid Relay relay) {
    }

    /**
     * @param host RabbitMQ's host name
     * @param port the port of RabbitMQ's STOMP plugin
     * @param virtualHost the RabbitMQ virtual host, sent as STOMP's {@code host} header
     * @param systemLogin the RabbitMQ user of the service's own connection, which publishes prices and the
     *     internal messages between instances: it needs every permission on the virtual host
     * @param systemPasscode its password
     * @param clientLogin the RabbitMQ user of the connections made on behalf of WebSocket clients, one per
     *     client: it may subscribe but must not publish (see README.md, "Scale out")
     * @param clientPasscode its password
     * @param systemHeartbeat STOMP heart-beats on the service's own connection, which is how it notices that
     *     RabbitMQ has gone without closing the connection
     * @param requestTimeout how long an edge waits for the core to answer a request (a snapshot, an order)
     *     before it tells the client that the service is unavailable
     */
    public record Relay(
            @DefaultValue("localhost") @NotBlank String host,
            @DefaultValue("61613") @Positive @Max(65_535) int port,
            @DefaultValue("/") @NotBlank String virtualHost,
            @DefaultValue("guest") @NotBlank String systemLogin,
            @DefaultValue("guest") @NotNull String systemPasscode,
            @DefaultValue("guest") @NotBlank String clientLogin,
            @DefaultValue("guest") @NotNull String clientPasscode,
            @DefaultValue @Valid Heartbeat systemHeartbeat,
            @DefaultValue("5s") @NotNull Duration requestTimeout) {

        @AssertTrue(message = "ticker.broker.relay.request-timeout must be between 100ms and 1m")
        public boolean isRequestTimeoutInRange() {
            return requestTimeout == null || (requestTimeout.compareTo(Duration.ofMillis(100)) >= 0
                    && requestTimeout.compareTo(Duration.ofMinutes(1)) <= 0);
        }
    }

    /**
     * @param send how often the service sends RabbitMQ a heart-beat on its own connection; 0 for never
     * @param receive how often it wants one from RabbitMQ; 0 for never
     */
    public record Heartbeat(@DefaultValue("10s") @NotNull Duration send, @DefaultValue("10s") @NotNull Duration receive) {

        @AssertTrue(message = "ticker.broker.relay.system-heartbeat intervals must not be negative")
        public boolean isNotNegative() {
            return (send == null || !send.isNegative()) && (receive == null || !receive.isNegative());
        }
    }
}
