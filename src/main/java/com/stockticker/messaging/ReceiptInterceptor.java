package com.stockticker.messaging;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Answers every client frame that asks for a receipt (STOMP 1.2 requires it), once the server has handled
 * it: Spring's STOMP support answers only DISCONNECT's, and only through a broker relay any other. A frame
 * is handled when every handler of the inbound channel has had it (the annotated controllers, the brokers):
 * a subscription exists from then on. What the frame caused (a snapshot, or an error on
 * {@code /user/queue/errors} for a frame the guard refused) is on its way by then too, on another of the
 * outbound channel's threads, so it may arrive just before or just after the RECEIPT.
 *
 * <p>{@link ServerFrames} sends the RECEIPT, told by a {@link ReceiptDue} event on this thread.
 */
@Component
class ReceiptInterceptor implements ExecutorChannelInterceptor {

    private final ApplicationEventPublisher events;
    private final Map<UUID, AtomicInteger> handledBy = new ConcurrentHashMap<>();

    ReceiptInterceptor(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
        String receipt = receiptAskedFor(message);
        if (receipt == null) {
            return;
        }
        int handlers = channel instanceof ExecutorSubscribableChannel subscribable ? subscribable.getSubscribers().size() : 1;
        UUID id = message.getHeaders().getId();
        if (handlers > 1 && id != null) {
            AtomicInteger handled = handledBy.computeIfAbsent(id, key -> new AtomicInteger());
            if (handled.incrementAndGet() < handlers) {
                return;
            }
            handledBy.remove(id);
        }
        send(message, receipt);
    }

    /** Answers a frame that was refused before any handler saw it, if it asked for a receipt. */
    void refused(Message<?> message) {
        String receipt = receiptAskedFor(message);
        if (receipt != null) {
            send(message, receipt);
        }
    }

    private void send(Message<?> frame, String receipt) {
        events.publishEvent(new ReceiptDue(StompHeaderAccessor.getSessionId(frame.getHeaders()), receipt));
    }

    /** The receipt a frame asks for; not CONNECT's (CONNECTED answers it) nor DISCONNECT's (Spring answers it). */
    private static String receiptAskedFor(Message<?> message) {
        StompHeaderAccessor headers = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (headers == null) {
            headers = StompHeaderAccessor.wrap(message);
        }
        StompCommand command = headers.getCommand();
        if (command == null || command == StompCommand.CONNECT || command == StompCommand.STOMP
                || command == StompCommand.DISCONNECT) {
            return null;
        }
        return headers.getReceipt();
    }

    /** A frame that asked for a receipt has been handled: the session gets a RECEIPT for it. */
    record ReceiptDue(String sessionId, String receiptId) {
    }
}
