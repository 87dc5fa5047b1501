package com.stockticker.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An AsyncAPI 3.0.0 document, as much of it as the STOMP API needs; serialised by Jackson as it stands (JSON at
 * {@code /asyncapi.json}, YAML at {@code /asyncapi.yaml}) and read by the page at {@code /asyncapi}. Schemas are
 * JSON Schema (draft 07, AsyncAPI's default schema format) held as plain maps.
 *
 * <p>Two extensions say what AsyncAPI has no field for: on each operation, {@code x-stomp-frame} is the frame a
 * client sends (SEND or SUBSCRIBE) and {@code x-stomp-headers} the headers that frame may carry.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record AsyncApi(String asyncapi, Info info, Map<String, Server> servers, String defaultContentType,
        Map<String, Channel> channels, Map<String, Operation> operations, Components components) {

    static final String VERSION = "3.0.0";

    /** The document with other servers (each request gets the servers it reached the service by). */
    AsyncApi withServers(Map<String, Server> servers) {
        return new AsyncApi(asyncapi, info, servers, defaultContentType, channels, operations, components);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Info(String title, String version, String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Server(String host, String protocol, String pathname, String title, String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Channel(String address, String title, String description, Map<String, Message> messages,
            Map<String, Parameter> parameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Parameter(String description, @JsonProperty("enum") List<String> values, List<String> examples) {
    }

    /**
     * @param headers a schema of the STOMP headers that the frame carrying this message has beyond STOMP's own
     * @param payload a schema of the JSON body; none for a message whose body is not read
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Message(String name, String title, String description, String contentType, Map<String, Object> headers,
            Map<String, Object> payload) {
    }

    /**
     * @param action {@code send} when the service sends on the channel (clients SUBSCRIBE), {@code receive} when it
     *     receives (clients SEND)
     * @param security the schemes of which one must be satisfied; empty when anyone may
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Operation(String action, Reference channel, String title, String summary, String description,
            List<Reference> messages, Reply reply, List<Reference> security,
            @JsonProperty(STOMP_FRAME) String stompFrame, @JsonProperty(STOMP_HEADERS) Map<String, Object> stompHeaders) {

        static final String STOMP_FRAME = "x-stomp-frame";
        static final String STOMP_HEADERS = "x-stomp-headers";
    }

    record Reply(Reference channel) {
    }

    record Reference(@JsonProperty("$ref") String ref) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Components(Map<String, Map<String, Object>> schemas, Map<String, SecurityScheme> securitySchemes) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record SecurityScheme(String type, String description) {
    }
}
