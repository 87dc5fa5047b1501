package com.stockticker.support;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.Message;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * The two ends of the application's STOMP pipeline, without a socket: frames go into Spring's
 * {@code clientInboundChannel} as the messages that Spring's STOMP WebSocket handler makes of them (command,
 * native headers, session id, session attributes, user), and whatever the application sends a session on
 * {@code clientOutboundChannel} comes back to that session's {@link ChannelStompClient} as a {@link StompFrame}.
 * It also publishes the session events that Spring's handler publishes (connect, connected, subscribe, unsubscribe,
 * disconnect), through which Spring's user registry and the application learn of sessions.
 *
 * <p>Everything between the two channels is the application's own: the interceptors, the controllers, the error
 * handlers, the brokers. Only the socket, the frame codec and the per-session writing are left out.
 */
public class StompChannels {

    private final SubscribableChannel inbound;
    private final ApplicationEventPublisher events;
    private final Map<String, ChannelStompClient> clients = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();

    StompChannels(@Qualifier("clientInboundChannel") SubscribableChannel inbound,
            @Qualifier("clientOutboundChannel") SubscribableChannel outbound, ApplicationEventPublisher events) {
        this.inbound = inbound;
        this.events = events;
        outbound.subscribe(message -> {
            ChannelStompClient client = clientOf(message);
            if (client != null) {
                client.received(message);
            }
        });
        // Sees what got past the interceptors: a frame they refused never reaches a handler.
        inbound.subscribe(message -> {
            ChannelStompClient client = clientOf(message);
            if (client != null) {
                client.handled(message);
            }
        });
    }

    /** A new session that has sent nothing yet, as a WebSocket just opened. */
    public ChannelStompClient open() {
        ChannelStompClient client = new ChannelStompClient("channel-" + sessions.incrementAndGet(), inbound, this);
        clients.put(client.sessionId(), client);
        return client;
    }

    /** A new session that sent CONNECT and got CONNECTED. */
    public ChannelStompClient connect() {
        return connect(Map.of());
    }

    /** {@link #connect()} with more CONNECT headers, such as {@code login} and {@code passcode}. */
    public ChannelStompClient connect(Map<String, String> connectHeaders) {
        ChannelStompClient client = open();
        client.send("CONNECT", connectHeaders(connectHeaders), "");
        StompFrame answer = client.await(frame -> frame.command().equals("CONNECTED") || frame.command().equals("ERROR"));
        if (answer.command().equals("ERROR")) {
            throw new IllegalStateException("CONNECT refused: " + answer.header("message"));
        }
        return client;
    }

    /** {@code accept-version} and {@code host}, as every client sends them, and {@code more}. */
    public static Map<String, String> connectHeaders(Map<String, String> more) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("accept-version", "1.2", "host", "localhost"));
        headers.putAll(more);
        return headers;
    }

    private ChannelStompClient clientOf(Message<?> message) {
        String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
        return sessionId != null ? clients.get(sessionId) : null;
    }

    /** What Spring's STOMP handler publishes once the channel took a client's frame. */
    void sent(StompCommand command, Message<byte[]> message, Principal user) {
        switch (command) {
            case CONNECT, STOMP -> events.publishEvent(new SessionConnectEvent(this, message, user));
            case SUBSCRIBE -> events.publishEvent(new SessionSubscribeEvent(this, message, user));
            case UNSUBSCRIBE -> events.publishEvent(new SessionUnsubscribeEvent(this, message, user));
            default -> {
            }
        }
    }

    /** What Spring's STOMP handler publishes as it sends CONNECTED: from then on the user registry knows the session. */
    void connected(String sessionId, Principal user) {
        StompHeaderAccessor connected = StompHeaderAccessor.create(StompCommand.CONNECTED);
        connected.setSessionId(sessionId);
        connected.setUser(user);
        connected.setLeaveMutable(true);
        events.publishEvent(new SessionConnectedEvent(this, MessageBuilder.createMessage(new byte[0], connected.getMessageHeaders()), user));
    }

    /** What Spring's STOMP handler does when a connection ends: the event, then a DISCONNECT for the brokers. */
    void disconnected(ChannelStompClient client, Message<byte[]> disconnect, Principal user) {
        events.publishEvent(new SessionDisconnectEvent(this, disconnect, client.sessionId(), CloseStatus.NORMAL, user));
        clients.remove(client.sessionId());
    }
}
