package com.stockticker.messaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.AbstractMetaDataConnection;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Limits on TCP connections, which Jetty leaves open by default ({@code ticker.websocket.*}): at most
 * {@code max-connections} in all (Jetty's {@link NetworkConnectionLimit}: beyond it, Jetty stops accepting
 * and new connections wait in the listen backlog), at most {@code max-connections-per-address} from one
 * remote address (more are closed at once), and a complete HTTP request head within
 * {@code request-head-timeout} of connecting (a client that dribbles its upgrade request a byte at a time is
 * closed; Jetty's idle timeout alone would wait for ever, as every byte resets it).
 * {@code ticker_connections_refused_total{reason}} counts the connections closed here.
 */
@Component
class ConnectionLimitsCustomizer implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

    private final WebSocketProperties limits;
    private final Counter perAddress;
    private final Counter slowRequestHead;

    ConnectionLimitsCustomizer(WebSocketProperties limits, MeterRegistry meters) {
        this.limits = limits;
        this.perAddress = refused(meters, "per-address");
        this.slowRequestHead = refused(meters, "request-head-timeout");
    }

    /** {@code ticker_connections_refused_total} for one reason; the session limit counts here too. */
    static Counter refused(MeterRegistry meters, String reason) {
        return Counter.builder("ticker.connections.refused").tag("reason", reason)
                .description("Connections closed or refused by the server's connection limits").register(meters);
    }

    @Override
    public void customize(ConfigurableJettyWebServerFactory factory) {
        factory.addServerCustomizers(server -> {
            if (limits.maxConnections() > 0) {
                server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
            }
            for (var connector : server.getConnectors()) {
                if (connector instanceof ServerConnector network) {
                    if (limits.maxConnectionsPerAddress() > 0) {
                        network.addBean(new PerAddress(limits.maxConnectionsPerAddress()));
                    }
                    network.addBean(new RequestHeadDeadline(network, limits.requestHeadTimeout().toMillis()));
                }
            }
        });
    }

    /** Counts accepted sockets by remote address and closes those beyond the limit. */
    private final class PerAddress implements SelectorManager.AcceptListener {

        private final int max;
        private final Map<String, Integer> open = new ConcurrentHashMap<>();
        // Each counted socket's address: a closed socket no longer says whom it was connected to.
        private final Map<SelectableChannel, String> counted = new ConcurrentHashMap<>();

        PerAddress(int max) {
            this.max = max;
        }

        @Override
        public void onAccepted(SelectableChannel channel) {
            String address = address(channel);
            if (address == null) {
                return;
            }
            if (open.merge(address, 1, Integer::sum) > max) {
                open.merge(address, -1, Integer::sum);
                perAddress.increment();
                close(channel);
                return;
            }
            counted.put(channel, address);
        }

        @Override
        public void onClosed(SelectableChannel channel) {
            String address = counted.remove(channel);
            if (address != null) {
                open.computeIfPresent(address, (ignored, count) -> count > 1 ? count - 1 : null);
            }
        }

        private static String address(SelectableChannel channel) {
            try {
                return channel instanceof SocketChannel socket && socket.getRemoteAddress() instanceof InetSocketAddress remote
                        ? remote.getAddress().getHostAddress() : null;
            }
            catch (IOException ex) {
                return null;
            }
        }

        private static void close(SelectableChannel channel) {
            try {
                channel.close();
            }
            catch (IOException ex) {
                // Closed already: nothing to refuse.
            }
        }
    }

    /** Closes a new connection that has not completed its first request head in time. */
    private final class RequestHeadDeadline implements Connection.Listener {

        private final ServerConnector connector;
        private final long timeoutMillis;

        RequestHeadDeadline(ServerConnector connector, long timeoutMillis) {
            this.connector = connector;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void onOpened(Connection connection) {
            // HTTP connections only: a WebSocket that a request upgraded gets these listeners too, and its
            // silence is for the STOMP deadlines (ClientDeadlinesDecoratorFactory) to judge.
            if (connection instanceof AbstractMetaDataConnection && connection.getMessagesIn() == 0) {
                connector.getScheduler().schedule(() -> {
                    if (connection.getMessagesIn() == 0 && connection.getEndPoint().getConnection() == connection
                            && connection.getEndPoint().isOpen()) {
                        slowRequestHead.increment();
                        connection.getEndPoint().close();
                    }
                }, timeoutMillis, TimeUnit.MILLISECONDS);
            }
        }
    }
}
