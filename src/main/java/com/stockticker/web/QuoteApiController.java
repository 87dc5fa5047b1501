package com.stockticker.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.stockticker.market.CandleHistory;
import com.stockticker.market.Instrument;
import com.stockticker.market.MarketProperties;
import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.market.QuoteHistory;
import com.stockticker.messaging.ErrorCode;
import com.stockticker.messaging.RejectedMessageException;

/** The market over plain HTTP, in the same JSON shapes as the STOMP snapshots. */
@RestController
@RequestMapping("/api")
class QuoteApiController {

    private final QuoteBook book;
    private final List<Instrument> instruments;

    QuoteApiController(QuoteBook book, MarketProperties market) {
        this.book = book;
        this.instruments = market.instruments();
    }

    @GetMapping("/instruments")
    List<Instrument> instruments() {
        return instruments;
    }

    @GetMapping("/quotes")
    QuoteBatch quotes() {
        return book.snapshot();
    }

    @GetMapping("/quotes/{symbol}")
    Quote quote(@PathVariable String symbol) {
        return book.quote(symbol);
    }

    @GetMapping("/quotes/{symbol}/history")
    QuoteHistory history(@PathVariable String symbol) {
        return book.history(symbol);
    }

    /** The last {@code limit} bars kept (all of them without it), oldest first, as {@code /app/candles/...} answers. */
    @GetMapping("/candles/{symbol}/{interval}")
    CandleHistory candles(@PathVariable String symbol, @PathVariable String interval, @RequestParam(required = false) Integer limit) {
        if (limit != null && limit < 1) {
            throw new RejectedMessageException(ErrorCode.INVALID_MESSAGE, "limit must be at least 1");
        }
        return book.candles(symbol, interval, limit != null ? limit : Integer.MAX_VALUE);
    }
}
