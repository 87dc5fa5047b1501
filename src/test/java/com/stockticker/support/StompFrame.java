package com.stockticker.support;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A STOMP frame as it came over the wire. */
public record StompFrame(String command, Map<String, String> headers, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String header(String name) {
        return headers.get(name);
    }

    public String destination() {
        return headers.get("destination");
    }

    public JsonNode json() {
        return JSON.readTree(body);
    }

    static StompFrame parse(String text) {
        int headerEnd = text.indexOf("\n\n");
        String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
        String body = headerEnd < 0 ? "" : text.substring(headerEnd + 2);
        String[] lines = head.split("\r?\n");
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                // STOMP 1.2: the first occurrence of a repeated header wins.
                headers.putIfAbsent(lines[i].substring(0, colon), unescape(lines[i].substring(colon + 1)));
            }
        }
        return new StompFrame(lines[0], headers, body);
    }

    private static String unescape(String value) {
        return value.replace("\\c", ":").replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\");
    }
}
