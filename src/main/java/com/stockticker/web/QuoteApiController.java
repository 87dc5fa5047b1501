package com.stockticker.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;

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

/**
 * The market over plain HTTP, in the same JSON shapes as the STOMP snapshots. An operation that names its errors
 * names its 200 too: springdoc then fills in its body from the return type.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Market", description = "Prices and candles; no account needed")
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
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "Unknown symbol (`UNKNOWN_SYMBOL`)")
    Quote quote(@PathVariable String symbol) {
        return book.quote(symbol);
    }

    @GetMapping("/quotes/{symbol}/history")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "Unknown symbol (`UNKNOWN_SYMBOL`)")
    QuoteHistory history(@PathVariable String symbol) {
        return book.history(symbol);
    }

    /** The last {@code limit} bars kept (all of them without it), oldest first, as {@code /app/candles/...} answers. */
    @GetMapping("/candles/{symbol}/{interval}")
    @Operation(summary = "The last bars of a symbol's candles, oldest first")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(responseCode = "404", description = "Unknown symbol (`UNKNOWN_SYMBOL`) or interval (`UNKNOWN_INTERVAL`)")
    @ApiResponse(responseCode = "400", description = "`limit` below 1 (`INVALID_MESSAGE`) or not a number")
    CandleHistory candles(@PathVariable String symbol, @Parameter(example = "1m") @PathVariable String interval,
            @Parameter(description = "How many bars, the newest; all that are kept without it") @RequestParam(required = false) @Min(value = 1, message = "limit must be at least 1") Integer limit) {
        return book.candles(symbol, interval, limit != null ? limit : Integer.MAX_VALUE);
    }
}
