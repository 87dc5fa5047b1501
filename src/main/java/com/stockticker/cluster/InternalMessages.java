package com.stockticker.cluster;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

import com.stockticker.messaging.BrokerAvailability;

/**
 * The messages instances send each other through RabbitMQ: a JSON body and a few STOMP headers of their own,
 * published with the system login on the internal topics, which only that login may write or read.
 */
@Component
@RelayMode
class InternalMessages {

    /** What a request asks the core for: one of {@link Operation}. */
    static final String OPERATION = "ticker-operation";
    /** The authenticated user a request is made for. */
    static final String USER = "ticker-user";
    /** Pairs a reply with its request. */
    static final String CORRELATION = "ticker-correlation";
    /** Where the requesting instance wants the reply. */
    static final String REPLY_TO = "ticker-reply-to";
    /** Set on a reply that refuses the request: an {@code ErrorCode}, with {@link #ERROR_MESSAGE}. */
    static final String ERROR_CODE = "ticker-error-code";
    static final String ERROR_MESSAGE = "ticker-error-message";

    enum Operation {
        PLACE, REJECT, CANCEL, ORDERS, PORTFOLIO, MARKET, SESSION
    }

    private final SimpMessageSendingOperations messaging;
    private final JsonMapper json;
    private final BrokerAvailability broker;

    InternalMessages(SimpMessageSendingOperations messaging, JsonMapper json, BrokerAvailability broker) {
        this.messaging = messaging;
        this.json = json;
        this.broker = broker;
    }

    /** @return whether the message went to the broker; not while it is unavailable */
    boolean send(String destination, Map<String, String> headers, Object body) {
        if (!broker.isAvailable()) {
            return false;
        }
        SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.forEach(accessor::setNativeHeader);
        accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
        accessor.setLeaveMutable(true);
        byte[] payload = body != null ? json.writeValueAsBytes(body) : new byte[0];
        try {
            messaging.send(destination, MessageBuilder.createMessage(payload, accessor.getMessageHeaders()));
            return true;
        }
        catch (MessageDeliveryException ex) {
            return false;
        }
    }

    /** The body, or {@code null} if it is empty. */
    <T> T read(Message<?> message, TypeReference<T> type) {
        byte[] payload = (byte[]) message.getPayload();
        return payload.length == 0 ? null : json.readValue(payload, type);
    }

    static String header(Message<?> message, String name) {
        return NativeMessageHeaderAccessor.getFirstNativeHeader(name, message.getHeaders());
    }
}
