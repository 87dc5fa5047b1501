package com.stockticker.cluster;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/** JSON bodies with a few headers of the backplane's own, written and read with the service's JSON mapper. */
class BackplaneMessages {

    private final JsonMapper json;

    BackplaneMessages(JsonMapper json) {
        this.json = json;
    }

    /** @param body {@code null} for an empty body */
    Message write(Object body, Map<String, String> headers) {
        byte[] payload = body != null ? json.writeValueAsBytes(body) : new byte[0];
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        headers.forEach(properties::setHeader);
        return new Message(payload, properties);
    }

    /** The body, or {@code null} if it is empty. */
    <T> T read(Message message, TypeReference<T> type) {
        byte[] payload = message.getBody();
        return payload == null || payload.length == 0 ? null : json.readValue(payload, type);
    }

    <T> T read(Message message, Class<T> type) {
        byte[] payload = message.getBody();
        return payload == null || payload.length == 0 ? null : json.readValue(payload, type);
    }

    static String header(Message message, String name) {
        Object value = message.getMessageProperties().getHeaders().get(name);
        return value != null ? value.toString() : null;
    }
}
