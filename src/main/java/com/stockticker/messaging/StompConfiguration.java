package com.stockticker.messaging;

import java.io.IOException;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's STOMP over WebSocket, as {@code @EnableWebSocketMessageBroker} sets it up from the configurers
 * ({@link StompPipeline}), with one change: Spring's per-session send buffer is left out.
 * Every session already is its outbox when Spring's handler sees it (the delivery package's
 * {@code SessionOutbox}), which takes frames from any thread, never lets a sender wait, enforces the send
 * limits, and closes only once what was queued before the close is written.
 *
 * <p>Spring's buffer in front of it lost frames: an ERROR frame that arrived while another thread was sending to
 * the session (a heart-beat, a reply) was held back, and the close that follows an ERROR stopped the buffer from
 * ever sending what it held, so the client saw the close without its reason.
 */
@Configuration(proxyBeanMethods = false)
class StompConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

    @Bean
    @Override
    public SubProtocolWebSocketHandler subProtocolWebSocketHandler(AbstractSubscribableChannel clientInboundChannel,
            AbstractSubscribableChannel clientOutboundChannel) {
        SubProtocolWebSocketHandler handler = new SubProtocolWebSocketHandler(clientInboundChannel, clientOutboundChannel) {
            @Override
            protected WebSocketSession decorateSession(WebSocketSession session) {
                return new Unbuffered(session);
            }
        };
        handler.setPhase(getPhase());
        return handler;
    }

    /**
     * Passes every frame and the close straight on to the outbox. Still Spring's decorator type, because Spring's
     * STOMP handler hands it the callback that releases a session's next message when messages to a session keep
     * their order ({@code preservePublishOrder}). Spring's buffer calls it just before a frame goes on, under the
     * lock that makes the next frame wait; without that lock it is called once the frame is in the outbox, so that
     * the next message, released on another thread, cannot overtake it.
     */
    private static final class Unbuffered extends ConcurrentWebSocketSessionDecorator {

        private volatile Consumer<WebSocketMessage<?>> sent = message -> { };

        Unbuffered(WebSocketSession outbox) {
            // No limits of its own: the outbox has them.
            super(outbox, Integer.MAX_VALUE, Integer.MAX_VALUE);
        }

        @Override
        public void setMessageCallback(Consumer<WebSocketMessage<?>> callback) {
            this.sent = callback;
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            try {
                getDelegate().sendMessage(message);
            }
            finally {
                sent.accept(message);
            }
        }

        @Override
        public void close(CloseStatus status) throws IOException {
            getDelegate().close(status);
        }
    }
}
