package com.stockticker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import org.springframework.core.io.ClassPathResource;

/**
 * A specification's own JSON Schema (AsyncAPI's, OpenAPI's), vendored under {@code src/test/resources} so that
 * validating a served document needs nothing from the network.
 */
public final class SpecificationSchema {

    private SpecificationSchema() {
    }

    /** The schema at {@code path} on the test classpath, read in {@code dialect} unless it names its own. */
    public static Schema load(String path, SpecificationVersion dialect) {
        return load(path, dialect, Map.of());
    }

    /**
     * The same, for a schema that refers to others by their {@code $id}: {@code referenced} maps each such id to
     * where that schema is on the test classpath, so that no reference goes to the network.
     */
    public static Schema load(String path, SpecificationVersion dialect, Map<String, String> referenced) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder.schemaIdResolvers(ids ->
                ids.mappings(id -> referenced.containsKey(id) ? "classpath:" + referenced.get(id) : null)));
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return registry.getSchema(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }
}
