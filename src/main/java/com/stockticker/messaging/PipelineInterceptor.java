package com.stockticker.messaging;

import org.springframework.messaging.support.ChannelInterceptor;

/**
 * A channel interceptor that a feature other than messaging adds to the STOMP pipeline (security's, ops'). It is a
 * bean that says which place it fills; {@link StompPipeline} lists every place, its own interceptors' too, in order.
 */
public interface PipelineInterceptor extends ChannelInterceptor {

    Place place();

    /** The places that other features fill. Their order in the pipeline is {@link StompPipeline}'s to state. */
    enum Place {
        /** Inbound: a CONNECT's {@code login} and {@code passcode} (security). */
        LOGIN,
        /** Inbound: the CSRF token of a CONNECT made with the browser's HTTP session (security). */
        BROWSER_CSRF,
        /** Outbound: counts the MESSAGE frames sent (ops). */
        MESSAGES_SENT
    }
}
