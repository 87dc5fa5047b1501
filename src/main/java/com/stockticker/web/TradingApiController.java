package com.stockticker.web;

import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.stockticker.trading.OrderEvent;
import com.stockticker.trading.Portfolio;
import com.stockticker.trading.TradingService;

/** The logged-in user's portfolio and orders over HTTP: the same shapes as the STOMP snapshots. */
@RestController
@RequestMapping("/api")
class TradingApiController {

    private final TradingService trading;

    TradingApiController(TradingService trading) {
        this.trading = trading;
    }

    @GetMapping("/portfolio")
    CompletableFuture<Portfolio> portfolio(Principal user) {
        return trading.portfolio(user.getName());
    }

    @GetMapping("/orders")
    CompletableFuture<List<OrderEvent>> orders(Principal user) {
        return trading.orders(user.getName());
    }
}
