package com.stockticker.messaging;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * The frames the STOMP pipeline sends to one session of its own accord, on Spring's outbound channel: an ERROR
 * before a refused connection is closed ({@link ConnectionRefusals}) and the RECEIPTs that Spring does not send
 * ({@link ReceiptInterceptor}). They reach it as events on the thread that decided, so that the interceptors that
 * decide hold no reference to the channel whose configuration they are part of.
 */
@Component
class ServerFrames {

    private final MessageChannel clientOutbound;

    /**
     * @param clientOutbound Spring's outbound channel, by its name: the only way Spring offers to send a frame to one
     *     session in order with what else is sent to it, and one of three channel beans of the same type (as in Spring's
     *     own configuration, which tells them apart by name too)
     */
    ServerFrames(@Qualifier("clientOutboundChannel") MessageChannel clientOutbound) {
        this.clientOutbound = clientOutbound;
    }

    @EventListener
    void refused(ConnectionRefusals.ConnectionRefused refused) {
        StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setMessage(refused.reason());
        send(error, refused.sessionId());
    }

    @EventListener
    void handled(ReceiptInterceptor.ReceiptDue due) {
        StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
        receipt.setReceiptId(due.receiptId());
        send(receipt, due.sessionId());
    }

    private void send(StompHeaderAccessor frame, String sessionId) {
        frame.setSessionId(sessionId);
        clientOutbound.send(MessageBuilder.createMessage(new byte[0], frame.getMessageHeaders()));
    }
}
