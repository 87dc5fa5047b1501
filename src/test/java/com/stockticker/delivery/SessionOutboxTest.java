package com.stockticker.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's own rules, with a writer that completes when the test says so: the integration tests run it
 * on real sockets, where the moments a write completes cannot be chosen.
 */
class SessionOutboxTest {

    private final WebSocketSession session = new StandardWebSocketSession(new HttpHeaders(), Map.of(), null, null);
    private final RecordingCloser closer = new RecordingCloser();

    @Test
    void writesOneFrameAtATimeInTheOrderTheyWereSent() {
        ManualWriter writer = new ManualWriter();
        SessionOutbox outbox = outbox(writer, 1024);
        outbox.sendMessage(frame("a"));
        outbox.sendMessage(frame("b"));
        outbox.sendMessage(frame("c"));

        assertThat(writer.started).extracting(TextMessage::getPayload).containsExactly("a");
        writer.complete();
        writer.complete();
        assertThat(writer.started).extracting(TextMessage::getPayload).containsExactly("a", "b", "c");
    }

    @Test
    void aWriterThatTakesSeveralFramesGetsThemInOrderAndTheNextAsEachIsWritten() {
        ManualWriter writer = new ManualWriter(3);
        SessionOutbox outbox = outbox(writer, 1024);
        for (String payload : List.of("a", "b", "c", "d", "e")) {
            outbox.sendMessage(frame(payload));
        }

        assertThat(writer.started).extracting(TextMessage::getPayload).containsExactly("a", "b", "c");
        writer.complete();
        assertThat(writer.started).extracting(TextMessage::getPayload).containsExactly("a", "b", "c", "d");
        writer.complete();
        writer.complete();
        writer.complete();
        writer.complete();
        assertThat(writer.started).extracting(TextMessage::getPayload).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void framesHandedToTheWriterNoLongerCountAgainstTheBufferLimit() {
        ManualWriter writer = new ManualWriter(2);
        SessionOutbox outbox = outbox(writer, 10);
        outbox.sendMessage(frame("12345"));   // handed over
        outbox.sendMessage(frame("12345"));   // handed over
        outbox.sendMessage(frame("12345"));   // queued: 5 bytes
        outbox.sendMessage(frame("12345"));   // queued: 10 bytes
        assertThat(closer.slow).isZero();

        outbox.sendMessage(frame("1"));       // 11 bytes: over the limit
        assertThat(closer.slow).isEqualTo(1);
    }

    @Test
    void aCloseWaitsUntilEveryFrameHandedOverIsWritten() {
        ManualWriter writer = new ManualWriter(8);
        SessionOutbox outbox = outbox(writer, 1024);
        outbox.sendMessage(frame("a"));
        outbox.sendMessage(frame("b"));
        outbox.close(CloseStatus.SERVICE_RESTARTED);

        writer.complete();
        assertThat(closer.closed).isEmpty();
        writer.complete();
        assertThat(closer.closed).containsExactly(CloseStatus.SERVICE_RESTARTED);
    }

    @Test
    void writesThatFinishAtOnceAreLoopedNotRecursed() {
        List<String> written = new ArrayList<>();
        SessionOutbox outbox = outbox((message, done) -> {
            written.add((String) message.getPayload());
            done.accept(null);
        }, Long.MAX_VALUE);
        for (int i = 0; i < 100_000; i++) {
            outbox.sendMessage(frame(Integer.toString(i)));
        }
        assertThat(written).hasSize(100_000).endsWith("99999");
    }

    @Test
    void aClientThatFallsBehindTheBufferLimitIsClosedOnceAndFurtherFramesAreDropped() {
        ManualWriter writer = new ManualWriter();
        SessionOutbox outbox = outbox(writer, 10);
        outbox.sendMessage(frame("12345"));   // written at once, not queued
        outbox.sendMessage(frame("12345"));   // queued: 5 bytes
        outbox.sendMessage(frame("12345"));   // queued: 10 bytes
        outbox.sendMessage(frame("1"));       // 11 bytes: over the limit
        outbox.sendMessage(frame("2"));

        assertThat(closer.slow).isEqualTo(1);
        assertThat(outbox.isOpen()).isFalse();
        writer.complete();
        assertThat(writer.started).hasSize(1);
    }

    @Test
    void aCloseWaitsForTheFramesAlreadyQueued() {
        ManualWriter writer = new ManualWriter();
        SessionOutbox outbox = outbox(writer, 1024);
        outbox.sendMessage(frame("ERROR"));
        outbox.close(CloseStatus.PROTOCOL_ERROR);
        outbox.sendMessage(frame("after the close"));
        assertThat(closer.closed).isEmpty();

        writer.complete();
        assertThat(closer.closed).containsExactly(CloseStatus.PROTOCOL_ERROR);
        assertThat(writer.started).extracting(TextMessage::getPayload).containsExactly("ERROR");
    }

    @Test
    void aCloseThatWaitsOnAClientThatDoesNotReadIsGivenADeadlineOnce() {
        ManualWriter writer = new ManualWriter();
        SessionOutbox outbox = outbox(writer, 1024);
        outbox.sendMessage(frame("never read"));
        outbox.close(CloseStatus.SERVICE_RESTARTED);
        outbox.close(CloseStatus.SERVICE_RESTARTED);

        assertThat(closer.closed).isEmpty();
        assertThat(closer.deadlines).isEqualTo(1);
    }

    @Test
    void aFailedWriteClosesTheSession() {
        ManualWriter writer = new ManualWriter();
        SessionOutbox outbox = outbox(writer, 1024);
        outbox.sendMessage(frame("a"));
        outbox.sendMessage(frame("b"));
        writer.fail(new IOException("Broken pipe"));

        assertThat(closer.failed).isEqualTo(1);
        assertThat(writer.started).hasSize(1);
    }

    @Test
    void aReplayGoesOutAheadOfWhatIsQueuedAndThenWhatComesAfterIt() {
        ManualWriter writer = new ManualWriter();
        SessionOutbox outbox = outbox(writer, 1024);
        outbox.sendMessage(frame("live-1"));   // being written
        outbox.sendMessage(frame("other-subscription"));
        List<String> encoded = new ArrayList<>();
        outbox.sendFirst(Stream.of("missed-1", "missed-2").map(payload -> {
            encoded.add(payload);
            return new EncodedFrame(payload.getBytes(StandardCharsets.UTF_8));
        }).iterator());
        outbox.sendMessage(frame("live-2"));

        assertThat(encoded).as("made only when it is its turn").isEmpty();
        for (int i = 0; i < 4; i++) {
            writer.complete();
        }
        assertThat(writer.started).extracting(TextMessage::getPayload)
                .containsExactly("live-1", "missed-1", "missed-2", "other-subscription", "live-2");
        assertThat(encoded).containsExactly("missed-1", "missed-2");
    }

    @Test
    void aReplayLongerThanTheBufferLimitDoesNotCloseTheClient() {
        ManualWriter writer = new ManualWriter();
        SessionOutbox outbox = outbox(writer, 10);
        outbox.sendFirst(Stream.generate(() -> new EncodedFrame("12345".getBytes(StandardCharsets.UTF_8))).limit(100).iterator());
        for (int i = 0; i < 99; i++) {
            writer.complete();
        }

        assertThat(writer.started).hasSize(100);
        assertThat(closer.slow).isZero();
    }

    private SessionOutbox outbox(FrameWriter writer, long bufferBytes) {
        return new SessionOutbox(session, writer, new OutboxLimits(bufferBytes, TimeUnit.SECONDS.toNanos(5)), closer, 0, false);
    }

    private static TextMessage frame(String payload) {
        return new TextMessage(payload);
    }

    private static final class ManualWriter implements FrameWriter {

        final List<TextMessage> started = new ArrayList<>();
        private final List<Consumer<Throwable>> pending = new ArrayList<>();
        private final int maxInFlight;

        ManualWriter() {
            this(1);
        }

        ManualWriter(int maxInFlight) {
            this.maxInFlight = maxInFlight;
        }

        @Override
        public int maxInFlight() {
            return maxInFlight;
        }

        @Override
        public void write(WebSocketMessage<?> message, Consumer<Throwable> done) {
            started.add((TextMessage) message);
            pending.add(done);
        }

        void complete() {
            pending.remove(0).accept(null);
        }

        void fail(Throwable failure) {
            pending.remove(0).accept(failure);
        }
    }

    private static final class RecordingCloser implements SessionOutbox.Closer {

        final List<CloseStatus> closed = new ArrayList<>();
        int slow;
        int failed;
        int deadlines;

        @Override
        public void close(WebSocketSession session, CloseStatus status) {
            closed.add(status);
        }

        @Override
        public void closeSlow(WebSocketSession session) {
            slow++;
        }

        @Override
        public void closeFailed(WebSocketSession session, Throwable failure) {
            failed++;
        }

        @Override
        public void abortUnlessClosedInTime(WebSocketSession session) {
            deadlines++;
        }
    }
}
