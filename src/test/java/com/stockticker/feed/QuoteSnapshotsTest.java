package com.stockticker.feed;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;

import com.stockticker.market.CandleProperties;
import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;

import static org.assertj.core.api.Assertions.assertThat;

class QuoteSnapshotsTest {

    private final QuoteBook book = new QuoteBook(tick(0, 100), 5, new CandleProperties(List.of(Duration.ofMinutes(1)), 10));
    private final QuoteSnapshots snapshots = new QuoteSnapshots(book);
    private final MessageConverter converter = new JacksonJsonMessageConverter();

    @Test
    void everyoneWhoAsksWithinATickGetsTheSameConvertedBytes() {
        book.record(tick(1, 101));

        assertThat(snapshots.latest(converter)).isSameAs(snapshots.latest(converter));
        assertThat(new String(snapshots.latest(converter).bytes(), StandardCharsets.UTF_8)).startsWith("{\"seq\":1,").contains("\"price\":101");
    }

    @Test
    void theNextTickIsConvertedAgain() {
        book.record(tick(1, 101));
        byte[] first = snapshots.latest(converter).bytes();
        book.record(tick(2, 102));

        assertThat(new String(snapshots.latest(converter).bytes(), StandardCharsets.UTF_8)).startsWith("{\"seq\":2,").contains("\"price\":102");
        assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("{\"seq\":1,");
    }

    private static QuoteBatch tick(long seq, int price) {
        BigDecimal last = BigDecimal.valueOf(price);
        return new QuoteBatch(seq, Instant.EPOCH, List.of(new Quote("AAA", "AAA", last, last, last, last, last, last, last,
                BigDecimal.ZERO, BigDecimal.ZERO, 0, seq, seq, Instant.EPOCH)));
    }
}
