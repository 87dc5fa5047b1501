package com.stockticker.ops;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.stockticker.messaging.Destinations;

/**
 * Leaves the HTTP requests that open a STOMP connection out of HTTP observations (the
 * {@code http.server.requests} metrics, Spring Security's filter-chain observations). The server keeps such
 * a request for as long as its connection lives, and with it the state of every observation made of it:
 * about 4 KB per connection, a fifth of an idle connection's heap. STOMP connections have metrics of their
 * own ({@code ticker.stomp.*}).
 */
@Component
class ConnectionObservations implements ObservationPredicate {

    @Override
    public boolean test(String name, Observation.Context context) {
        HttpServletRequest request = context instanceof ServerRequestObservationContext server
                ? server.getCarrier() : currentRequest();
        return request == null || !opensConnection(request.getRequestURI());
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    private static boolean opensConnection(String path) {
        return path.equals(Destinations.WEBSOCKET_ENDPOINT) || path.equals(Destinations.SOCKJS_ENDPOINT)
                || path.startsWith(Destinations.SOCKJS_ENDPOINT + "/");
    }
}
