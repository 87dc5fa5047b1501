package com.stockticker.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import com.stockticker.messaging.ResumableTopic;
import com.stockticker.messaging.ResumeRequest;
import com.stockticker.messaging.StreamPosition;
import com.stockticker.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** What a window can tell a subscriber that comes back, and when it must say it cannot. */
class ResumeWindowTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final ResumeWindow window = new ResumeWindow(new Topic(Duration.ofSeconds(60)), clock);

    @Test
    void givesEveryMessageAfterTheClientsLastOneInOrder() {
        keep("m1", 1, 2, 3, 4, 5);

        assertThat(seqs(window.missedBy(new ResumeRequest(2, "m1")))).containsExactly(3L, 4L, 5L);
        assertThat(seqs(window.missedBy(new ResumeRequest(0, "m1")))).as("from the very first").containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(window.missedBy(new ResumeRequest(5, "m1"))).as("nothing missed").isEmpty();
    }

    @Test
    void cannotTellAnotherMarketNorAPositionItDoesNotHold() {
        keep("m1", 11, 12, 13);

        assertThat(window.missedBy(new ResumeRequest(12, "m2"))).as("another market").isNull();
        assertThat(window.missedBy(new ResumeRequest(12, null))).as("no market").isNull();
        assertThat(window.missedBy(new ResumeRequest(9, "m1"))).as("10 is not kept").isNull();
        assertThat(seqs(window.missedBy(new ResumeRequest(10, "m1")))).containsExactly(11L, 12L, 13L);
        assertThat(window.missedBy(new ResumeRequest(14, "m1"))).as("ahead of the window").isNull();
    }

    @Test
    void aGapOrANewMarketStartsTheWindowAgain() {
        keep("m1", 1, 2, 3);
        keep("m1", 7, 8);
        assertThat(window.missedBy(new ResumeRequest(3, "m1"))).as("4 to 6 never came").isNull();
        assertThat(seqs(window.missedBy(new ResumeRequest(6, "m1")))).containsExactly(7L, 8L);

        keep("m2", 9);
        assertThat(window.missedBy(new ResumeRequest(8, "m1"))).isNull();
        assertThat(seqs(window.missedBy(new ResumeRequest(8, "m2")))).containsExactly(9L);
    }

    @Test
    void aMessageWithoutAPositionStartsTheWindowAgain() {
        keep("m1", 1, 2);
        window.keep(MessageBuilder.withPayload(new byte[0]).build(), new byte[0], "x");

        assertThat(window.missedBy(new ResumeRequest(2, "m1"))).isNull();
    }

    @Test
    void forgetsMessagesOlderThanTheWindowButNotWhereTheStreamStands() {
        keep("m1", 1, 2);
        clock.advance(Duration.ofSeconds(30));
        keep("m1", 3);
        clock.advance(Duration.ofSeconds(31));
        keep("m1", 4);

        assertThat(window.missedBy(new ResumeRequest(1, "m1"))).as("2 is more than 60 s old").isNull();
        assertThat(seqs(window.missedBy(new ResumeRequest(2, "m1")))).containsExactly(3L, 4L);

        clock.advance(Duration.ofMinutes(5));
        keep("m1", 5);
        assertThat(window.missedBy(new ResumeRequest(3, "m1"))).isNull();
        assertThat(window.missedBy(new ResumeRequest(5, "m1"))).as("a quiet market: nothing missed").isEmpty();
    }

    @Test
    void keepsTheIdAMessageWentOutWith() {
        keep("m1", 1);

        assertThat(window.missedBy(new ResumeRequest(0, "m1"))).extracting(ResumeWindow.Kept::messageId).containsExactly("id-1");
    }

    private void keep(String market, long... seqs) {
        for (long seq : seqs) {
            byte[] payload = ("{\"seq\":" + seq + "}").getBytes();
            SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create();
            new StreamPosition(market, seq).addTo(headers);
            Message<byte[]> message = MessageBuilder.createMessage(payload, headers.getMessageHeaders());
            window.keep(message, payload, "id-" + seq);
        }
    }

    private static List<Long> seqs(List<ResumeWindow.Kept> kept) {
        return kept.stream().map(ResumeWindow.Kept::seq).toList();
    }

    private record Topic(Duration window) implements ResumableTopic {

        @Override
        public String destination() {
            return "/topic/test";
        }

        @Override
        public Message<?> snapshot(MessageConverter converter) {
            throw new UnsupportedOperationException();
        }
    }
}
