package com.stockticker.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.stockticker.errors.ErrorCode;
import com.stockticker.trading.OrderStatus;
import com.stockticker.trading.Side;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message bundles say the same things in every language, and everything the pages and scripts ask for is
 * in them: a missing translation or a mistyped key shows on the page as a key, which no other test would see.
 * The languages are those of {@link Languages#SUPPORTED}: English in the default bundle, every other in a bundle
 * of its own ({@code messages_zh_CN.properties}), so a new language is checked as soon as it is supported.
 */
class MessageBundlesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    /** Literal keys in scripts: t('key', ...), tOr('key', ...), has('key'). */
    private static final Pattern SCRIPT_KEY = Pattern.compile("\\b(?:t|tOr|has)\\('([^'$]+)'");
    /** A reject reason a script names for an order it finds wrong before sending it: {@code reason: 'CODE'}. */
    private static final Pattern SCRIPT_REASON = Pattern.compile("\\breason: '([A-Z_]+)'");
    /** Keys in templates: #{key} and #{key(args)}. */
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([\\w.\\-]+)");

    private final Properties english = load("messages.properties");
    private final Map<Locale, Properties> translations = Languages.SUPPORTED.stream().skip(1)
            .collect(Collectors.toMap(locale -> locale, locale -> load("messages_" + locale + ".properties")));

    @Test
    void everyKeyIsInEveryLanguage() {
        assertThat(translations).isNotEmpty();
        translations.forEach((locale, bundle) -> assertThat(bundle.stringPropertyNames()).as("keys of the %s bundle", locale)
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames()));
    }

    @Test
    void theChineseBundleIsChinese() {
        // Read as UTF-8, the Chinese words are Chinese; read as ISO-8859-1 (the old default) they would be mojibake.
        Properties chinese = translations.get(Locale.SIMPLIFIED_CHINESE);
        assertThat(chinese.getProperty("ticket.buy")).isEqualTo("买入");
        assertThat(chinese.getProperty("label.volume")).isEqualTo("成交量");
    }

    /** The server's error codes are shown in words, never as codes (the test runs over the enum as it is). */
    @Test
    void everyErrorCodeHasWordsInEveryLanguage() {
        for (ErrorCode code : ErrorCode.errors()) {
            assertThat(english).as("English for %s", code).containsKey("error." + code.name());
            translations.forEach((locale, bundle) -> assertThat(bundle).as("%s for %s", locale, code).containsKey("error." + code.name()));
        }
    }

    @Test
    void everyRejectReasonOrderStatusAndSideHasWords() {
        Set<String> keys = Stream.of(
                ErrorCode.rejectReasons().stream().map(reason -> "reject." + reason.name()),
                Arrays.stream(OrderStatus.values()).map(status -> "js.orderStatus." + status.name()),
                Arrays.stream(Side.values()).flatMap(side -> Stream.of("js.side." + side.name(), "js.order.verb." + side.name())),
                Stream.of("connecting", "live", "reconnecting", "offline").map(status -> "js.status." + status))
                .flatMap(family -> family).collect(Collectors.toSet());
        assertThat(english.stringPropertyNames()).containsAll(keys);
        translations.forEach((locale, bundle) -> assertThat(bundle.stringPropertyNames()).as(locale.toString()).containsAll(keys));
    }

    /** A translation fills the same placeholders as the English, in whatever order its language wants. */
    @Test
    void translationsHaveTheSamePlaceholders() {
        Map<String, String> differing = new HashMap<>();
        translations.forEach((locale, bundle) -> {
            for (String key : english.stringPropertyNames()) {
                if (bundle.containsKey(key) && !placeholders(english.getProperty(key)).equals(placeholders(bundle.getProperty(key)))) {
                    differing.put(locale + " " + key, english.getProperty(key) + " | " + bundle.getProperty(key));
                }
            }
        });
        assertThat(differing).isEmpty();
    }

    /**
     * A plain apostrophe is a quote to MessageFormat, which formats the messages that take arguments on the server
     * and not the others: written as ’ it reads the same either way.
     */
    @Test
    void noMessageHasAPlainApostrophe() {
        Stream.concat(Stream.of(english), translations.values().stream()).forEach(bundle ->
                assertThat(bundle.entrySet()).filteredOn(entry -> entry.getValue().toString().contains("'")).isEmpty());
    }

    @Test
    void everyKeyThePagesAndScriptsUseExists() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Resource script : resources("classpath:static/js/*.js")) {
            used.addAll(matches(SCRIPT_KEY, script.getContentAsString(StandardCharsets.UTF_8)));
        }
        for (Resource template : resources("classpath:templates/*.html")) {
            used.addAll(matches(TEMPLATE_KEY, template.getContentAsString(StandardCharsets.UTF_8)));
        }
        assertThat(used).as("keys used").hasSizeGreaterThan(50);
        assertThat(english.stringPropertyNames()).containsAll(used);
    }

    /**
     * The dashboard checks an order before sending it and names what is wrong as the server would, with a reject
     * reason (so that it shows the same {@code reject.} words): each reason it names is one of ErrorCode's.
     */
    @Test
    void theReasonsTheScriptsNameAreRejectReasons() throws IOException {
        Set<String> named = new TreeSet<>();
        for (Resource script : resources("classpath:static/js/*.js")) {
            named.addAll(matches(SCRIPT_REASON, script.getContentAsString(StandardCharsets.UTF_8)));
        }
        assertThat(named).as("reasons the scripts name").isNotEmpty();
        assertThat(ErrorCode.rejectReasons().stream().map(Enum::name)).containsAll(named);
    }

    /**
     * The scripts get their words from the bundles (ScriptMessages), so each is said there only: no script holds a
     * phrase of the English bundle (the longest run of a message between placeholders, where it has a few words).
     */
    @Test
    void theScriptsDoNotRepeatTheBundlesWords() throws IOException {
        Set<String> phrases = english.stringPropertyNames().stream()
                .map(key -> Arrays.stream(english.getProperty(key).split("\\{\\d+}")).map(String::trim)
                        .max(java.util.Comparator.comparingInt(String::length)).orElse(""))
                .filter(phrase -> phrase.split(" ").length >= 3)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(phrases).as("phrases looked for").hasSizeGreaterThan(30);
        for (Resource script : resources("classpath:static/js/*.js")) {
            String code = script.getContentAsString(StandardCharsets.UTF_8);
            assertThat(phrases).as("bundle phrases in %s", script.getFilename()).noneMatch(code::contains);
        }
    }

    private static Set<Integer> placeholders(String message) {
        Set<Integer> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(message);
        while (matcher.find()) {
            found.add(Integer.parseInt(matcher.group(1)));
        }
        return found;
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Resource[] resources(String pattern) throws IOException {
        Resource[] found = new PathMatchingResourcePatternResolver().getResources(pattern);
        assertThat(found).as(pattern).isNotEmpty();
        return found;
    }

    private static Properties load(String name) {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(new ClassPathResource(name).getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read " + name, ex);
        }
        return properties;
    }
}
