package com.stockticker.messaging;

import java.time.Duration;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;

/**
 * A topic whose subscribers can resume after a reconnect (see {@link ResumeRequest}): the broker keeps its
 * messages of the last {@link #window()}, as long as they carry a {@link StreamPosition} one after another, and a
 * subscriber that asks to resume gets those it missed, then the live ones. One that cannot resume (the window
 * no longer reaches back to its position, or it followed another market) gets the {@link #snapshot(MessageConverter)} first.
 */
public interface ResumableTopic {

    String destination();

    /** How long the broker keeps this topic's messages for subscribers that come back. */
    Duration window();

    /**
     * The whole state as of now, converted for the wire, with the {@value ResumeRequest#SNAPSHOT} and
     * {@value ResumeRequest#MARKET} headers: what a subscription that cannot resume starts with. Called while the
     * topic's messages wait, so that nothing published after it has gone out before it.
     *
     * @param converter the broker's message converter, as for any other message body
     */
    Message<?> snapshot(MessageConverter converter);
}
