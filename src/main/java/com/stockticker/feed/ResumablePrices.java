package com.stockticker.feed;

import java.time.Duration;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.stereotype.Component;

import com.stockticker.market.QuoteBook;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.ResumableTopic;
import com.stockticker.messaging.ResumeRequest;

/**
 * {@code /topic/prices} can be resumed: its batches are numbered one after another in their market ({@code seq},
 * see {@link QuotePublisher}), so a subscriber that comes back gets the batches it missed; one that missed too
 * many, or followed another market, starts again from the latest quote of every instrument, as
 * {@code /app/quotes} would answer, marked as a snapshot and with the market's name to resume with next time.
 */
@Component
class ResumablePrices implements ResumableTopic {

    private final QuoteBook book;
    private final QuoteSnapshots snapshots;
    private final Duration window;

    ResumablePrices(QuoteBook book, QuoteSnapshots snapshots, SubscriptionProperties properties) {
        this.book = book;
        this.snapshots = snapshots;
        this.window = properties.resumeWindow();
    }

    @Override
    public String destination() {
        return Destinations.PRICES;
    }

    @Override
    public Duration window() {
        return window;
    }

    @Override
    public Message<?> snapshot(MessageConverter converter) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setDestination(Destinations.PRICES);
        headers.setNativeHeader(ResumeRequest.SNAPSHOT, "true");
        String market = book.market();
        if (market != null) {
            headers.setNativeHeader(ResumeRequest.MARKET, market);
        }
        headers.setLeaveMutable(true);
        Message<?> snapshot = converter.toMessage(snapshots.latest(converter), headers.getMessageHeaders());
        if (snapshot == null) {
            throw new IllegalStateException("No converter for the snapshot of " + Destinations.PRICES);
        }
        return snapshot;
    }
}
