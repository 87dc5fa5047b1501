package com.stockticker.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.stereotype.Component;

/**
 * The dashboard JavaScript's words, from the same message bundles as the server-rendered page: the page hands
 * them over in its configuration, so that no string lives in the scripts. Keys under {@code js.}, and the
 * translations of the server's error codes ({@code error.}) and order reject reasons ({@code reject.}), which
 * the page shows in place of the codes. {@code {0}}-style placeholders are left for the page to fill.
 */
@Component
class ScriptMessages {

    static final List<String> PREFIXES = List.of("js.", "error.", "reject.");

    /** The default bundle that Boot's MessageSource reads ({@code spring.messages.basename}); it has every key. */
    private static final String DEFAULT_BUNDLE = "messages.properties";

    private final MessageSource messages;
    private final List<String> keys;

    ScriptMessages(MessageSource messages) {
        this.messages = messages;
        this.keys = keysOf(DEFAULT_BUNDLE);
    }

    /**
     * Every script key in {@code locale}'s words. Read through the MessageSource, as Thymeleaf reads the page's,
     * so both have the same encoding, fallbacks and cache; without arguments it leaves placeholders as they are.
     */
    Map<String, String> in(Locale locale) {
        Map<String, String> words = new TreeMap<>();
        for (String key : keys) {
            words.put(key, messages.getMessage(key, null, locale));
        }
        return words;
    }

    /** The MessageSource cannot list its keys, so their names come from the default bundle itself. */
    private static List<String> keysOf(String bundle) {
        try {
            return PropertiesLoaderUtils.loadProperties(new EncodedResource(new ClassPathResource(bundle), StandardCharsets.UTF_8))
                    .stringPropertyNames().stream()
                    .filter(key -> PREFIXES.stream().anyMatch(key::startsWith))
                    .sorted()
                    .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + bundle, ex);
        }
    }
}
