package com.stockticker.web;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * The languages the dashboard speaks ({@code messages.properties} and its translations) and which of them a
 * request gets. Each supported locale has a bundle of its own; anything else is mapped onto one of them or
 * refused, so that the page's {@code lang}, its {@code Intl} formats and its words always agree.
 */
final class Languages {

    /** English first: the language of a request that asks for none we speak. */
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    /** Regions and the script that write Traditional Chinese, which {@code zh-CN} would not serve well. */
    private static final Set<String> TRADITIONAL_REGIONS = Set.of("TW", "HK", "MO");

    /**
     * The supported locale that serves {@code candidate}, or {@code null}: a supported language in any region
     * ({@code en-GB} is English); Chinese is Simplified Chinese unless it names Traditional Chinese
     * ({@code zh-TW}, {@code zh-Hant}, ...), whose readers' next language should decide.
     */
    Locale supported(Locale candidate) {
        if (candidate == null) {
            return null;
        }
        if (candidate.getLanguage().equals(Locale.CHINESE.getLanguage())) {
            return candidate.getScript().equals("Hant") || TRADITIONAL_REGIONS.contains(candidate.getCountry())
                    ? null : Locale.SIMPLIFIED_CHINESE;
        }
        return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(candidate.getLanguage())).findFirst().orElse(null);
    }

    /**
     * The first language of the request's {@code Accept-Language} (in the order of its weights) that we speak,
     * else English. Without the header English too: the servlet container would answer with its own default
     * locale, which is the server's, not the reader's.
     */
    Locale negotiate(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null) {
            return SUPPORTED.get(0);
        }
        for (Locale candidate : Collections.list(request.getLocales())) {
            Locale supported = supported(candidate);
            if (supported != null) {
                return supported;
            }
        }
        return SUPPORTED.get(0);
    }
}
