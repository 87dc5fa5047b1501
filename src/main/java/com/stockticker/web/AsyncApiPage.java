package com.stockticker.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.stockticker.messaging.ClientError;

/**
 * What the page {@code /asyncapi} shows of the AsyncAPI document, read from the document itself: its operations with
 * their channels, messages and headers resolved, its schemas as tables of properties, and the error codes.
 */
record AsyncApiPage(String asyncapi, AsyncApi.Info info, List<Paragraph> introduction, List<ServerView> servers,
        List<OperationView> subscribing, List<OperationView> sending, List<SchemaView> schemas, List<ErrorView> errors) {

    static AsyncApiPage of(AsyncApi api) {
        List<OperationView> operations = api.operations().entrySet().stream()
                .map(operation -> OperationView.of(api, operation.getKey(), operation.getValue())).toList();
        return new AsyncApiPage(api.asyncapi(), api.info(), Paragraph.of(api.info().description()),
                api.servers().entrySet().stream().map(server -> ServerView.of(server.getKey(), server.getValue())).toList(),
                operations.stream().filter(operation -> operation.frame().equals(AsyncApiDocumentation.SUBSCRIBE)).toList(),
                operations.stream().filter(operation -> operation.frame().equals(AsyncApiDocumentation.SEND)).toList(),
                api.components().schemas().entrySet().stream()
                        .map(schema -> new SchemaView(schema.getKey(), PropertyView.of(schema.getValue()))).toList(),
                ErrorView.of(api.components().schemas()));
    }

    /** A paragraph of text in which `backticks` mark code, as in the document's CommonMark. */
    record Paragraph(List<Span> spans) {

        static List<Paragraph> of(String text) {
            if (text == null || text.isBlank()) {
                return List.of();
            }
            return Arrays.stream(text.strip().split("\n\\s*\n")).map(Paragraph::spans).toList();
        }

        /** One line of such text, such as an enumerated value's meaning; {@code null} for none. */
        static @Nullable Paragraph inline(@Nullable String text) {
            return text == null ? null : spans(text);
        }

        private static Paragraph spans(String paragraph) {
            String[] parts = paragraph.replace('\n', ' ').split("`", -1);
            List<Span> spans = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].isEmpty()) {
                    spans.add(new Span(parts[i], i % 2 == 1));
                }
            }
            return new Paragraph(spans);
        }
    }

    record Span(String text, boolean code) {
    }

    record ServerView(String name, String url, String protocol, String title, List<Paragraph> description) {

        static ServerView of(String name, AsyncApi.Server server) {
            return new ServerView(name, server.protocol() + "://" + server.host() + server.pathname(), server.protocol(),
                    server.title(), Paragraph.of(server.description()));
        }
    }

    /**
     * @param needsUser the operation has security: an anonymous connection is refused
     * @param reply the address answers come on, for a SEND
     */
    record OperationView(String id, String frame, String address, String summary, List<Paragraph> description,
            boolean needsUser, List<ParameterView> parameters, List<PropertyView> frameHeaders, List<MessageView> messages,
            String reply) {

        static OperationView of(AsyncApi api, String id, AsyncApi.Operation operation) {
            AsyncApi.Channel channel = channel(api, operation.channel());
            List<MessageView> messages = operation.messages().stream()
                    .map(reference -> channel.messages().get(last(reference))).map(MessageView::of).toList();
            return new OperationView(id, operation.stompFrame(), channel.address(), operation.summary(),
                    Paragraph.of(String.join("\n\n", Objects.requireNonNullElse(channel.description(), ""),
                            Objects.requireNonNullElse(operation.description(), ""))),
                    !operation.security().isEmpty(),
                    channel.parameters().entrySet().stream().map(parameter -> new ParameterView(parameter.getKey(),
                            Paragraph.of(parameter.getValue().description()), parameter.getValue().values())).toList(),
                    PropertyView.of(operation.stompHeaders()), messages,
                    operation.reply() == null ? null : channel(api, operation.reply().channel()).address());
        }

        private static AsyncApi.Channel channel(AsyncApi api, AsyncApi.Reference reference) {
            return api.channels().get(last(reference));
        }

        private static String last(AsyncApi.Reference reference) {
            return reference.ref().substring(reference.ref().lastIndexOf('/') + 1);
        }
    }

    record ParameterView(String name, List<Paragraph> description, List<String> values) {
    }

    /** @param payload the schema's name, or {@code null} for a message without a body */
    record MessageView(String title, List<Paragraph> description, String payload, boolean array, List<PropertyView> headers) {

        static MessageView of(AsyncApi.Message message) {
            Map<String, Object> payload = message.payload();
            boolean array = payload != null && "array".equals(payload.get("type"));
            return new MessageView(message.title(), Paragraph.of(message.description()),
                    payload == null ? null : referenced(array ? items(payload) : payload), array,
                    message.headers() == null ? List.of() : PropertyView.of(message.headers()));
        }
    }

    /**
     * One property of an object schema.
     *
     * @param type the JSON type, with its format ({@code string (date-time)})
     * @param schema the named schema it is, or holds an array of; {@code null} for none
     * @param values the values it may take, for an enumeration, with their meanings where the document has them
     * @param pattern the regular expression a string matches, if it must
     */
    record PropertyView(String name, String type, String schema, boolean array, boolean required, boolean nullable,
            List<Value> values, String pattern, List<Paragraph> description) {

        @SuppressWarnings("unchecked")
        static List<PropertyView> of(Map<String, Object> objectSchema) {
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) objectSchema.get("properties");
            List<String> required = (List<String>) objectSchema.getOrDefault("required", List.of());
            return properties.entrySet().stream().map(property -> of(property.getKey(), property.getValue(),
                    required.contains(property.getKey()))).toList();
        }

        @SuppressWarnings("unchecked")
        private static PropertyView of(String name, Map<String, Object> property, boolean required) {
            Map<String, Object> schema = property;
            boolean nullable = false;
            if (property.get("anyOf") instanceof List<?> choices) {
                schema = (Map<String, Object>) choices.get(0);
                nullable = true;
            }
            List<String> types = new ArrayList<>();
            if (schema.get("type") instanceof List<?> several) {
                several.forEach(type -> types.add(type.toString()));
            }
            else if (schema.get("type") != null) {
                types.add(schema.get("type").toString());
            }
            nullable |= types.remove("null");
            boolean array = types.contains("array");
            String type = array ? "array" : types.isEmpty() ? "object" : String.join(" | ", types);
            Map<String, Object> element = array ? items(schema) : schema;
            if (element.get("format") != null) {
                type += " (" + element.get("format") + ")";
            }
            Map<String, String> meanings = (Map<String, String>) element.getOrDefault("x-enum-descriptions", Map.of());
            List<Value> values = element.get("enum") instanceof List<?> enumeration
                    ? enumeration.stream().filter(Objects::nonNull).map(value -> new Value(value.toString(), Paragraph.inline(meanings.get(value.toString()))))
                            .toList()
                    : List.of();
            return new PropertyView(name, type, referenced(element), array, required, nullable, values,
                    (String) element.get("pattern"), Paragraph.of((String) schema.get("description")));
        }
    }

    /** @param meaning {@code null} where the document says none */
    record Value(String value, @Nullable Paragraph meaning) {
    }

    record SchemaView(String name, List<PropertyView> properties) {
    }

    record ErrorView(String code, Paragraph meaning) {

        @SuppressWarnings("unchecked")
        static List<ErrorView> of(Map<String, Map<String, Object>> schemas) {
            Map<String, Object> code = ((Map<String, Map<String, Object>>) schemas.get(ClientError.class.getSimpleName())
                    .get("properties")).get("code");
            Map<String, String> meanings = (Map<String, String>) code.get("x-enum-descriptions");
            return meanings.entrySet().stream().map(meaning -> new ErrorView(meaning.getKey(), Paragraph.spans(meaning.getValue())))
                    .toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> items(Map<String, Object> array) {
        return (Map<String, Object>) array.get("items");
    }

    /** The name of the schema {@code schema} refers to, or {@code null}. */
    private static String referenced(Map<String, Object> schema) {
        return schema.get("$ref") instanceof String ref && ref.startsWith(PayloadSchemas.REFERENCE_PREFIX)
                ? ref.substring(PayloadSchemas.REFERENCE_PREFIX.length()) : null;
    }
}
