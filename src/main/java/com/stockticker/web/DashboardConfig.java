package com.stockticker.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard's JavaScript needs from the server, handed to it as JSON in the page: destination
 * names and limits are defined once, in Java, and the page never repeats them.
 *
 * @param candles the candle intervals' names, in configuration order, and how many closed bars a snapshot holds
 * @param resumeHeaders the headers by which the page resumes {@code /topic/prices} after a reconnect
 * @param lean how the page asks for lean batches on {@code /topic/prices}, and what their keys stand for
 * @param user the logged-in user, or {@code null}
 * @param csrf the header and token a logged-in browser sends on STOMP CONNECT
 * @param locale the page's language as a BCP 47 tag ({@code en}, {@code zh-CN}), for the page's {@code Intl} formats
 * @param messages the page's words in that language, by message key (see {@link ScriptMessages})
 */
record DashboardConfig(
        Map<String, String> endpoints,
        Map<String, String> destinations,
        Limits limits,
        List<InstrumentInfo> instruments,
        long tickIntervalMillis,
        Candles candles,
        Map<String, String> resumeHeaders,
        Lean lean,
        String user,
        Map<String, String> csrf,
        String locale,
        Map<String, String> messages) {

    record Limits(int maxSymbols, double maxRate, long maxQuantity, int maxOpenOrders) {
    }

    record InstrumentInfo(String symbol, String name, BigDecimal tickSize) {
    }

    record Candles(List<String> intervals, int history) {
    }

    /** @param keys each key of a lean quote and the quote field it stands for */
    record Lean(String header, String format, Map<String, String> keys) {
    }
}
