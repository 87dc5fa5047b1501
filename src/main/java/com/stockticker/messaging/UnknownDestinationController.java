package com.stockticker.messaging;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;

/**
 * Catches what no other handler under {@code /app} takes, which Spring would otherwise drop without a word:
 * a client with a typo in a destination hears about it. The patterns match everything, so any more
 * specific mapping wins.
 */
@Controller
class UnknownDestinationController {

    @MessageMapping("/**")
    void send(SimpMessageHeaderAccessor headers) {
        throw unknown("SEND", headers);
    }

    @SubscribeMapping("/**")
    void subscribe(SimpMessageHeaderAccessor headers) {
        throw unknown("SUBSCRIBE", headers);
    }

    private static RejectedMessageException unknown(String verb, SimpMessageHeaderAccessor headers) {
        return new RejectedMessageException(ErrorCode.UNKNOWN_DESTINATION,
                "Nothing answers a " + verb + " to '" + headers.getDestination() + "'; see docs/protocol.md");
    }
}
