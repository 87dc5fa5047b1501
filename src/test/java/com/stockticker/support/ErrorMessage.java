package com.stockticker.support;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** An error as a client reads it on {@code /user/queue/errors} (docs/protocol.md, "Error"), for comparing whole. */
public record ErrorMessage(String code, String message, String destination) {

    public static ErrorMessage of(StompFrame frame) {
        JsonNode error = frame.json();
        JsonNode destination = error.get("destination");
        return new ErrorMessage(error.get("code").asString(), error.get("message").asString(),
                destination == null || destination.isNull() ? null : destination.asString());
    }

    public static List<ErrorMessage> of(List<StompFrame> frames) {
        return frames.stream().map(ErrorMessage::of).toList();
    }
}
