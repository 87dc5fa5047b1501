package com.stockticker.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.stockticker.market.Instrument;
import com.stockticker.market.MarketProperties;
import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.market.QuoteHistory;

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
}
