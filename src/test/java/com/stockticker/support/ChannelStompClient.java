package com.stockticker.support;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;

/**
 * One STOMP session on {@link StompChannels}, with frames as messages on the application's channels instead of bytes
 * on a socket. A session's frames are handled one after the other, in the order sent, as the server does for a
 * connection (it preserves each session's receive order).
 */
public final class ChannelStompClient extends StompConversation implements AutoCloseable {

    private final String sessionId;
    /** The WebSocket session's attributes, which the interceptors keep per-connection state in. */
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final MessageChannel inbound;
    private final StompChannels channels;
    private final List<StompFrame> handled = new CopyOnWriteArrayList<>();
    private volatile Principal user;
    private volatile boolean closed;

    ChannelStompClient(String sessionId, MessageChannel inbound, StompChannels channels) {
        this.sessionId = sessionId;
        this.inbound = new OrderedMessageChannelDecorator(inbound, LogFactory.getLog(ChannelStompClient.class));
        this.channels = channels;
    }

    public String sessionId() {
        return sessionId;
    }

    /** The session's principal, as the CONNECT left it. */
    public Principal user() {
        return user;
    }

    /** Sends a frame, as the frame decoder would have made it of {@code command}, {@code headers} and {@code body}. */
    @Override
    public void send(String command, Map<String, String> headers, String body) {
        StompCommand stompCommand = StompCommand.valueOf(command);
        Map<String, List<String>> nativeHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> nativeHeaders.put(name, new LinkedList<>(List.of(value))));
        StompHeaderAccessor accessor = StompHeaderAccessor.create(stompCommand, nativeHeaders);
        accessor.setSessionId(sessionId);
        accessor.setSessionAttributes(attributes);
        accessor.setUser(user);
        accessor.setHeader(SimpMessageHeaderAccessor.HEART_BEAT_HEADER, accessor.getHeartbeat());
        if (stompCommand == StompCommand.CONNECT || stompCommand == StompCommand.STOMP) {
            // Where Spring's handler learns the user that an interceptor authenticated on CONNECT.
            accessor.setUserChangeCallback(changed -> user = changed);
        }
        accessor.setLeaveMutable(true);
        Message<byte[]> message = MessageBuilder.createMessage(body.getBytes(StandardCharsets.UTF_8), accessor.getMessageHeaders());
        inbound.send(message);
        channels.sent(stompCommand, message, user);
    }

    /**
     * The frames of this session that got past the inbound channel's interceptors to its handlers (the controllers
     * and brokers), in the order they were handled; a refused frame is never among them.
     */
    public List<StompFrame> handled() {
        return List.copyOf(handled);
    }

    /** Ends the session as a closed WebSocket does: the disconnect event, then a DISCONNECT for the brokers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        StompHeaderAccessor disconnect = StompHeaderAccessor.create(StompCommand.DISCONNECT);
        disconnect.setSessionId(sessionId);
        disconnect.setSessionAttributes(attributes);
        disconnect.setUser(user);
        disconnect.setLeaveMutable(true);
        Message<byte[]> message = MessageBuilder.createMessage(new byte[0], disconnect.getMessageHeaders());
        channels.disconnected(this, message, user);
        inbound.send(message);
    }

    void received(Message<?> message) {
        StompFrame frame = frame(message);
        if (frame.command().equals("CONNECTED")) {
            channels.connected(sessionId, user);
        }
        frames.add(frame);
    }

    void handled(Message<?> message) {
        handled.add(frame(message));
    }

    /**
     * The frame a client would read: the STOMP command (CONNECTED for the broker's CONNECT_ACK), the native headers,
     * and the headers the STOMP handler writes from the message's own: the destination the client subscribed to
     * (a user destination, not the session's resolved queue), the subscription id, the content type.
     */
    private static StompFrame frame(Message<?> message) {
        StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
        Map<String, String> headers = new LinkedHashMap<>();
        accessor.toNativeHeaderMap().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        String original = headers.remove(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION);
        String destination = original != null ? original : accessor.getDestination();
        if (destination != null) {
            headers.put("destination", destination);
        }
        if (accessor.getSubscriptionId() != null) {
            headers.put(accessor.getCommand() == StompCommand.SUBSCRIBE ? "id" : "subscription", accessor.getSubscriptionId());
        }
        MimeType contentType = accessor.getContentType();
        if (contentType != null) {
            headers.put("content-type", contentType.toString());
        }
        String command = command(accessor);
        if (command.equals("CONNECTED") && accessor.getUser() != null) {
            headers.put("user-name", accessor.getUser().getName());
        }
        Object payload = message.getPayload();
        String body = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(payload);
        return new StompFrame(command, headers, body);
    }

    private static String command(StompHeaderAccessor accessor) {
        if (accessor.getCommand() != null && accessor.getMessageType() != SimpMessageType.CONNECT_ACK) {
            return accessor.getCommand().name();
        }
        SimpMessageType type = accessor.getMessageType();
        return type == SimpMessageType.CONNECT_ACK ? "CONNECTED" : String.valueOf(type);
    }
}
