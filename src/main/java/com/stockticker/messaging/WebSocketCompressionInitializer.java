package com.stockticker.messaging;

import jakarta.servlet.ServletContext;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;

/**
 * Jetty grants permessage-deflate (RFC 7692) to every client that offers it, and every browser does: each
 * such session then keeps a compressor of its own (95-219 KB of heap measured, against 17 KB for a whole
 * session without) and compresses every message anew, once per subscriber. Off unless
 * {@code ticker.websocket.compression} says otherwise: clients that offered it get uncompressed frames, as
 * RFC 7692 allows. Spring leaves extensions to Jetty, so the web application's registry of WebSocket
 * extensions is where it goes, as the application starts and before any client connects.
 */
@Component
class WebSocketCompressionInitializer implements ServletContextInitializer {

    private final boolean granted;

    WebSocketCompressionInitializer(WebSocketProperties properties) {
        this.granted = properties.compression();
    }

    @Override
    public void onStartup(ServletContext servletContext) {
        ServletContextHandler context = ServletContextHandler.getServletContextHandler(servletContext);
        if (!granted && context != null) {
            WebSocketServerComponents.ensureWebSocketComponents(context.getServer(), context)
                    .getExtensionRegistry().unregister("permessage-deflate");
        }
    }
}
