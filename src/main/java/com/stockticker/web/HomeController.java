package com.stockticker.web;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import com.stockticker.market.QuoteBook;
import com.stockticker.messaging.Destinations;

/** The landing page: what this service is, how to connect, and the quotes as of the request. */
@Controller
class HomeController {

    private final QuoteBook book;

    HomeController(QuoteBook book) {
        this.book = book;
    }

    @GetMapping("/")
    String home(Model model, Principal user) {
        model.addAttribute("username", user != null ? user.getName() : null);
        model.addAttribute("snapshot", book.snapshot());
        model.addAttribute("websocketEndpoint", Destinations.WEBSOCKET_ENDPOINT);
        model.addAttribute("sockJsEndpoint", Destinations.SOCKJS_ENDPOINT);
        model.addAttribute("pricesTopic", Destinations.PRICES);
        return "index";
    }
}
