package com.stockticker.web;

import java.security.Principal;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import com.stockticker.feed.LeanQuote;
import com.stockticker.feed.SubscriptionProperties;
import com.stockticker.market.CandleProperties;
import com.stockticker.market.MarketProperties;
import com.stockticker.market.QuoteBook;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.MessageFormats;
import com.stockticker.messaging.ResumeRequest;
import com.stockticker.trading.TradingProperties;

/** The dashboard. The page is static but for its configuration, which comes from the server's own constants. */
@Controller
class HomeController {

    private final MarketProperties market;
    private final SubscriptionProperties subscriptions;
    private final TradingProperties trading;
    private final JsonMapper json;
    private final QuoteBook book;
    private final CandleProperties candles;
    private final ScriptMessages scriptMessages;

    HomeController(MarketProperties market, QuoteBook book, CandleProperties candles, SubscriptionProperties subscriptions,
            TradingProperties trading, JsonMapper json, ScriptMessages scriptMessages) {
        this.market = market;
        this.book = book;
        this.candles = candles;
        this.subscriptions = subscriptions;
        this.trading = trading;
        this.json = json;
        this.scriptMessages = scriptMessages;
    }

    @GetMapping("/")
    String dashboard(Model model, Principal user, CsrfToken csrf, Locale locale) {
        DashboardConfig config = new DashboardConfig(
                // stomp.js reads binary frames as well as text, so the page takes the cheaper binary ones.
                Map.of("websocket", Destinations.WEBSOCKET_ENDPOINT + "?" + Destinations.BINARY_FRAMES_QUERY,
                        "sockjs", Destinations.SOCKJS_ENDPOINT),
                Map.ofEntries(
                        Map.entry("prices", Destinations.PRICES),
                        Map.entry("quotes", Destinations.APP_PREFIX + Destinations.QUOTES),
                        Map.entry("symbolQuotesPrefix", Destinations.APP_PREFIX + Destinations.QUOTES + "/"),
                        Map.entry("candlesPrefix", Destinations.CANDLES_PREFIX),
                        Map.entry("symbolCandlesPrefix", Destinations.APP_PREFIX + Destinations.SYMBOL_CANDLES.substring(0,
                                Destinations.SYMBOL_CANDLES.indexOf('{'))),
                        Map.entry("subscriptions", Destinations.APP_PREFIX + Destinations.SUBSCRIPTIONS),
                        Map.entry("userQuotes", Destinations.USER_PREFIX + Destinations.USER_QUOTES),
                        Map.entry("userErrors", Destinations.USER_PREFIX + Destinations.USER_ERRORS),
                        Map.entry("orders", Destinations.APP_PREFIX + Destinations.ORDERS),
                        Map.entry("ordersCancel", Destinations.APP_PREFIX + Destinations.ORDERS_CANCEL),
                        Map.entry("portfolio", Destinations.APP_PREFIX + Destinations.PORTFOLIO),
                        Map.entry("accountReset", Destinations.APP_PREFIX + Destinations.ACCOUNT_RESET),
                        Map.entry("userOrders", Destinations.USER_PREFIX + Destinations.USER_ORDERS),
                        Map.entry("userPortfolio", Destinations.USER_PREFIX + Destinations.USER_PORTFOLIO)),
                new DashboardConfig.Limits(subscriptions.maxSymbols(), subscriptions.maxRate(), trading.maxQuantity(),
                        trading.maxOpenOrders()),
                market.instruments().stream()
                        .map(i -> new DashboardConfig.InstrumentInfo(i.symbol(), i.name(), i.tickSize())).toList(),
                market.tickInterval().toMillis(),
                new DashboardConfig.Candles(book.candleIntervals(), candles.history()),
                Map.of("after", ResumeRequest.AFTER_HEADER, "market", ResumeRequest.MARKET_HEADER,
                        "snapshot", ResumeRequest.SNAPSHOT, "snapshotMarket", ResumeRequest.MARKET),
                new DashboardConfig.Lean(MessageFormats.HEADER, LeanQuote.FORMAT, LeanQuote.KEYS),
                user != null ? user.getName() : null,
                Map.of("header", csrf.getHeaderName(), "token", csrf.getToken()),
                locale.toLanguageTag(),
                scriptMessages.in(locale));
        model.addAttribute("username", config.user());
        // Inside <script type="application/json">, "<" could end the element: JSON allows it escaped.
        model.addAttribute("configJson", json.writeValueAsString(config).replace("<", "\\u003c"));
        return "index";
    }
}
