package com.stockticker.feed;

import jakarta.validation.Valid;

import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

import com.stockticker.messaging.Destinations;

/** Accepts managed subscription requests; the answer comes on the session's {@code /user/queue/quotes}. */
@Controller
class SubscriptionController {

    private final SubscriptionManager subscriptions;

    SubscriptionController(SubscriptionManager subscriptions) {
        this.subscriptions = subscriptions;
    }

    @MessageMapping(Destinations.SUBSCRIPTIONS)
    void subscriptions(@Valid @Payload SubscriptionRequest request, SimpMessageHeaderAccessor headers) {
        subscriptions.apply(headers.getSessionId(), request);
    }
}
