package com.stockticker.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;

/**
 * JSON Schemas of the records that travel as message bodies, made from the classes by swagger-core's
 * {@link ModelConverters} (which springdoc uses for the REST API), one named schema per record, referenced as
 * {@code #/components/schemas/Name}.
 *
 * <p>The converter is run in its OpenAPI 3.0 mode, whose output for these records is plain JSON Schema that
 * AsyncAPI's default schema format (draft 07) reads as it is, and which turns Bean Validation constraints into
 * {@code required} and {@code minItems}. It cannot know what Jackson does with a record, so two things are added
 * here, from the record's components:
 * <ul>
 * <li>A record the service <em>sends</em> has every property, as Jackson writes every component (nulls too), except
 * where the record is {@code @JsonInclude(NON_NULL)}; a component marked {@code @Nullable} may be {@code null}, or
 * absent from a record that leaves nulls out.</li>
 * <li>A record the service <em>receives</em> needs every component not marked {@code @Nullable}, and nothing else:
 * unknown fields are refused ({@code spring.jackson.deserialization.fail-on-unknown-properties}).</li>
 * </ul>
 */
final class PayloadSchemas {

    static final String REFERENCE_PREFIX = "#/components/schemas/";

    /** Whether the service sends or receives a record: it decides what is required (see above). */
    enum Direction { SENT, RECEIVED }

    // An instance of its own: springdoc adds converters for Spring's web types to the shared one.
    private final ModelConverters converters = new ModelConverters(false);
    private final Map<String, Map<String, Object>> schemas = new TreeMap<>();
    private final Map<String, Direction> directions = new HashMap<>();

    /** A reference to the schema of {@code type}, made with those of the records it holds if not made yet. */
    Map<String, Object> reference(Class<?> type, Direction direction) {
        Map<String, Class<?>> records = new HashMap<>();
        collectRecords(type, records);
        converters.readAll(new AnnotatedType(type)).forEach((name, schema) -> {
            Class<?> record = records.get(name);
            if (record == null) {
                throw new IllegalStateException("The schema " + name + " of " + type.getName() + " is not of a record it holds");
            }
            Direction before = directions.putIfAbsent(name, direction);
            if (before != null && before != direction) {
                throw new IllegalStateException(name + " is both sent and received: its required properties would differ");
            }
            schemas.computeIfAbsent(name, made -> complete(record, asMap(schema), direction));
        });
        return ref(type.getSimpleName());
    }

    /** An array of {@code type}'s records. */
    Map<String, Object> arrayOf(Class<?> type, Direction direction) {
        Map<String, Object> array = new LinkedHashMap<>();
        array.put("type", "array");
        array.put("items", reference(type, direction));
        return array;
    }

    /** The schema named {@code name}, to add to what the classes say (descriptions). */
    Map<String, Object> schema(String name) {
        Map<String, Object> schema = schemas.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("No schema " + name);
        }
        return schema;
    }

    /** A property of a named schema. */
    @SuppressWarnings("unchecked")
    Map<String, Object> property(String schema, String property) {
        Map<String, Object> found = ((Map<String, Map<String, Object>>) schema(schema).get("properties")).get(property);
        if (found == null) {
            throw new IllegalArgumentException("No property " + property + " in " + schema);
        }
        return found;
    }

    Map<String, Map<String, Object>> all() {
        return schemas;
    }

    static Map<String, Object> ref(String name) {
        return Map.of("$ref", REFERENCE_PREFIX + name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Schema<?> schema) {
        // swagger-core's own mapper writes its model as the JSON it means; a tree of plain maps is what the document holds.
        return Json.mapper().convertValue(schema, LinkedHashMap.class);
    }

    /** The records {@code type} is or holds, by the name the converter gives their schemas (the simple name). */
    private static void collectRecords(Type type, Map<String, Class<?>> records) {
        if (type instanceof ParameterizedType parameterized) {
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> collectRecords(argument, records));
        }
        else if (type instanceof Class<?> record && record.isRecord() && records.putIfAbsent(record.getSimpleName(), record) == null) {
            Arrays.stream(record.getRecordComponents()).forEach(component -> collectRecords(component.getGenericType(), records));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> complete(Class<?> record, Map<String, Object> schema, Direction direction) {
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
        JsonInclude inclusion = record.getAnnotation(JsonInclude.class);
        boolean leavesOutNulls = inclusion != null && inclusion.value() == JsonInclude.Include.NON_NULL;
        Set<String> required = new LinkedHashSet<>((List<String>) schema.getOrDefault("required", List.of()));
        for (RecordComponent component : record.getRecordComponents()) {
            String name = jsonName(component);
            Map<String, Object> property = properties.get(name);
            if (property == null) {
                throw new IllegalStateException("No property " + name + " in the schema of " + record.getName());
            }
            if (!isNullable(component)) {
                required.add(name);
            }
            else if (!leavesOutNulls) {
                properties.put(name, orNull(property));
                if (direction == Direction.SENT) {
                    required.add(name);
                }
            }
        }
        Map<String, Object> completed = new LinkedHashMap<>();
        completed.put("type", "object");
        completed.put("properties", properties);
        // In the order of the properties, which is the record's.
        completed.put("required", properties.keySet().stream().filter(required::contains).toList());
        if (direction == Direction.RECEIVED) {
            completed.put("additionalProperties", false);
        }
        return completed;
    }

    /** The name Jackson gives the component: its {@code @JsonProperty} (which Java puts on the accessor), or its own. */
    private static String jsonName(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
    }

    /** JSpecify's {@code @Nullable} (on the type) or an older one (on the accessor): any annotation of that name. */
    private static boolean isNullable(RecordComponent component) {
        return Stream.concat(Arrays.stream(component.getAnnotatedType().getAnnotations()),
                        Arrays.stream(component.getAccessor().getAnnotations()))
                .map(Annotation::annotationType).anyMatch(type -> type.getSimpleName().equals("Nullable"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> orNull(Map<String, Object> property) {
        if (property.containsKey("$ref")) {
            return Map.of("anyOf", List.of(property, Map.of("type", "null")));
        }
        Map<String, Object> nullable = new LinkedHashMap<>(property);
        nullable.put("type", List.of(property.get("type"), "null"));
        if (property.get("enum") instanceof List<?> values) {
            List<Object> withNull = new ArrayList<>(values);
            withNull.add(null);
            nullable.put("enum", withNull);
        }
        return nullable;
    }
}
