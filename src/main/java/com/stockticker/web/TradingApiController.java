package com.stockticker.web;

import java.security.Principal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.stockticker.trading.OrderEvent;
import com.stockticker.trading.Portfolio;
import com.stockticker.trading.TradingDesk;

/** The logged-in user's portfolio and orders over HTTP: the same shapes as the STOMP snapshots. */
@RestController
@RequestMapping("/api")
class TradingApiController {

    private final TradingDesk desk;

    TradingApiController(TradingDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/portfolio")
    Portfolio portfolio(Principal user) {
        return desk.portfolio(user.getName());
    }

    @GetMapping("/orders")
    List<OrderEvent> orders(Principal user) {
        return desk.orders(user.getName());
    }
}
