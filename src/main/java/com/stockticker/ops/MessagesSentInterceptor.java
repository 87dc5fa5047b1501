package com.stockticker.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.stereotype.Component;

import com.stockticker.messaging.PipelineInterceptor;

/**
 * Counts the MESSAGE frames sent to clients through Spring's outbound channel, on which the STOMP pipeline puts it;
 * the topic broker adds the ones it fans out to the same counter. The channel is configured before the meter registry
 * exists, so the counter arrives later, when the registry binds it.
 */
@Component
public class MessagesSentInterceptor implements PipelineInterceptor, MeterBinder {

    public static final String MESSAGES_SENT = "ticker.stomp.messages.sent";
    public static final String MESSAGES_SENT_DESCRIPTION = "MESSAGE frames sent to clients";

    private volatile Counter sent;

    @Override
    public Place place() {
        return Place.MESSAGES_SENT;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        sent = Counter.builder(MESSAGES_SENT).description(MESSAGES_SENT_DESCRIPTION).register(registry);
    }

    @Override
    public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean wasSent, Exception ex) {
        Counter counter = sent;
        if (counter != null && wasSent && SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE) {
            counter.increment();
        }
    }
}
