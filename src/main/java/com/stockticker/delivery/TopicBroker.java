package com.stockticker.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import com.stockticker.messaging.MessageFormats;
import com.stockticker.messaging.ResumableTopic;
import com.stockticker.messaging.ResumeRequest;
import com.stockticker.messaging.TopicSubscribers;

/**
 * The broker for {@code /topic/**} in simple mode, built for fan-out. Spring's simple broker copies the
 * headers and hands one message per subscriber to the outbound channel, where each is encoded to a STOMP
 * frame, turned into a {@code String}, and written by a thread that blocks on the socket. Here a message is
 * encoded once per subscription id (clients mostly use the same few ids, such as {@code sub-0}) and the same
 * frame is appended to each subscriber's {@link SessionOutbox}, as text or, for clients that asked for
 * them, as binary frames that go out as the encoded bytes. The appending is spread over a few lanes,
 * one thread each; a session always uses the same lane, so it gets the messages in the order they were
 * published. Subscriptions are kept by exact destination in {@link TopicSubscriptions}, which a storm of
 * subscribers joining or leaving at once costs no more per subscriber than one.
 *
 * <p>A {@link ResumableTopic}'s recent messages are kept in a {@link ResumeWindow}. A SUBSCRIBE that asks to resume
 * is registered under the window's lock, the lock every message of the topic is kept and fanned out under, and its
 * missed messages (or a snapshot) go to the session's lane as one task: the lane runs tasks in order, so they
 * reach the outbox before any message published after the SUBSCRIBE, and nothing comes twice or not at all.
 *
 * <p>A subscription that asked for another format of a topic's messages (see {@link SubscriberFormats}) gets that
 * payload, encoded once for every subscription with its id that asked for the same.
 */
class TopicBroker extends AbstractBrokerMessageHandler implements TopicSubscribers {

    private final TopicSubscriptions subscriptions = new TopicSubscriptions();
    private final SubscriberFormats formats = new SubscriberFormats();
    private final StompEncoder encoder = new StompEncoder();
    private final AtomicLong messageIds = new AtomicLong();
    private final SessionOutboxes outboxes;
    private final Counter delivered;
    private final Counter dropped;
    private final List<? extends ThreadPoolTaskExecutor> lanes;
    private final List<ResumableTopic> resumableTopics;
    private final MessageConverter converter;
    private final Clock clock;
    private final Counter replayed;
    private final Counter snapshots;
    private volatile Map<String, ResumeWindow> windows = Map.of();

    /**
     * @param lanes the fan-out lanes, each a single thread with a bounded backlog ({@link FanOutLanes})
     * @param converter the broker's message converter, for a resumable topic's snapshot
     */
    TopicBroker(SubscribableChannel clientInboundChannel, MessageChannel clientOutboundChannel,
            SubscribableChannel brokerChannel, String destinationPrefix, SessionOutboxes outboxes,
            List<? extends ThreadPoolTaskExecutor> lanes, Counter delivered, Counter dropped,
            List<ResumableTopic> resumableTopics, MessageConverter converter, Clock clock, MeterRegistry registry) {
        super(clientInboundChannel, clientOutboundChannel, brokerChannel, List.of(destinationPrefix));
        this.outboxes = outboxes;
        this.lanes = lanes;
        this.delivered = delivered;
        this.dropped = dropped;
        this.resumableTopics = resumableTopics;
        this.converter = converter;
        this.clock = clock;
        this.replayed = resumes(registry, "replayed");
        this.snapshots = resumes(registry, "snapshot");
    }

    private static Counter resumes(MeterRegistry registry, String outcome) {
        return Counter.builder("ticker.stomp.resumes").tag("outcome", outcome)
                .description("Subscriptions that asked to resume: given the messages they missed, or a snapshot")
                .register(registry);
    }

    @Override
    public void startInternal() {
        // A lane that falls behind drops its oldest message rather than hold an ever longer backlog: clients see the
        // gap in seq and resync from a snapshot, as the protocol asks.
        lanes.forEach(lane -> lane.getThreadPoolExecutor().setRejectedExecutionHandler(this::dropOldest));
        Map<String, ResumeWindow> kept = new HashMap<>();
        resumableTopics.forEach(topic -> kept.put(topic.destination(), new ResumeWindow(topic, clock)));
        windows = Map.copyOf(kept);
        publishBrokerAvailableEvent();
    }

    /** The lanes are beans: the context shuts them down when it closes. */
    @Override
    public void stopInternal() {
        publishBrokerUnavailableEvent();
    }

    @Override
    protected void handleMessageInternal(Message<?> message) {
        MessageHeaders headers = message.getHeaders();
        if (!checkDestinationPrefix(SimpMessageHeaderAccessor.getDestination(headers))) {
            return;
        }
        SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(headers);
        if (type == SimpMessageType.MESSAGE) {
            publish(message);
        }
        else if (type == SimpMessageType.SUBSCRIBE) {
            subscribe(message);
        }
        else if (type == SimpMessageType.UNSUBSCRIBE) {
            String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
            String subscriptionId = SimpMessageHeaderAccessor.getSubscriptionId(headers);
            if (sessionId != null && subscriptionId != null) {
                subscriptions.unsubscribe(sessionId, subscriptionId);
            }
            formats.unsubscribed(SimpMessageHeaderAccessor.wrap(message));
        }
        else if (type == SimpMessageType.DISCONNECT) {
            String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
            if (sessionId != null) {
                subscriptions.disconnect(sessionId);
                formats.disconnected(sessionId);
            }
        }
    }

    private void publish(Message<?> message) {
        if (!(message.getPayload() instanceof byte[] payload)) {
            return;
        }
        ResumeWindow window = windows.get(SimpMessageHeaderAccessor.getDestination(message.getHeaders()));
        if (window == null) {
            fanOut(message, payload, null);
            return;
        }
        synchronized (window) {
            String messageId = nextMessageId();
            window.keep(message, payload, messageId);
            fanOut(message, payload, messageId);
        }
    }

    private void subscribe(Message<?> message) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
        String sessionId = headers.getSessionId();
        String subscriptionId = headers.getSubscriptionId();
        String destination = headers.getDestination();
        if (sessionId == null || subscriptionId == null || destination == null) {
            return;
        }
        formats.subscribed(headers);
        ResumeWindow window = windows.get(destination);
        // The guard refused unusable resume headers, and any on a topic that cannot be resumed.
        ResumeRequest request = window != null ? ResumeRequest.of(headers) : null;
        if (request == null) {
            subscriptions.subscribe(sessionId, subscriptionId, destination);
            return;
        }
        synchronized (window) {
            subscriptions.subscribe(sessionId, subscriptionId, destination);
            resume(window, request, sessionId, subscriptionId);
        }
    }

    /** Sends a resuming subscriber what it missed, or the topic's snapshot if the window cannot tell that. */
    private void resume(ResumeWindow window, ResumeRequest request, String sessionId, String subscriptionId) {
        SessionOutbox outbox = outboxes.get(sessionId);
        if (outbox == null) {
            return;
        }
        List<ResumeWindow.Kept> missed = window.missedBy(request);
        (missed == null ? snapshots : replayed).increment();
        if (missed == null) {
            Message<?> snapshot = window.topic().snapshot(converter);
            if (!(snapshot.getPayload() instanceof byte[] payload)) {
                throw new IllegalStateException("The snapshot of " + window.topic().destination() + " is not converted to bytes");
            }
            EncodedFrame frame = encode(snapshot, payload, subscriptionId, nextMessageId());
            lanes.get(outbox.lane()).execute(new ReplayTask(outbox, List.of(frame).iterator(), 1, delivered));
            return;
        }
        // Encoded one by one as the outbox writes them: a long replay costs no more memory than the window.
        Iterator<EncodedFrame> frames = missed.stream()
                .map(kept -> encode(kept.message(), formats.payloadFor(kept.message(), kept.payload(), sessionId, subscriptionId),
                        subscriptionId, kept.messageId()))
                .iterator();
        lanes.get(outbox.lane()).execute(new ReplayTask(outbox, frames, missed.size(), delivered));
    }

    @Override
    public boolean hasSubscribers(String destination) {
        return subscriptions.hasSubscribers(destination);
    }

    private String nextMessageId() {
        return Long.toString(messageIds.incrementAndGet());
    }

    private void fanOut(Message<?> message, byte[] payload, String keptId) {
        String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        if (destination == null || !subscriptions.hasSubscribers(destination)) {
            return;
        }
        String messageId = keptId != null ? keptId : nextMessageId();
        MessageFormats offered = MessageFormats.of(message);
        // By subscription id; and for the subscriptions that asked for a format, by format, then subscription id.
        Map<String, EncodedFrame> frames = new HashMap<>();
        Map<String, Map<String, EncodedFrame>> formatted = new HashMap<>();
        List<List<Delivery>> byLane = new ArrayList<>(lanes.size());
        lanes.forEach(lane -> byLane.add(new ArrayList<>()));
        subscriptions.forEachSubscriber(destination, (sessionId, subscriptionIds) -> {
            SessionOutbox outbox = outboxes.get(sessionId);
            if (outbox != null) {
                for (String subscriptionId : subscriptionIds) {
                    String format = formats.formatOf(sessionId, subscriptionId, offered);
                    EncodedFrame frame = format == null
                            ? frames.computeIfAbsent(subscriptionId, id -> encode(message, payload, id, messageId))
                            : formatted.computeIfAbsent(format, name -> new HashMap<>())
                                    .computeIfAbsent(subscriptionId, id -> encode(message, offered.payload(format), id, messageId));
                    byLane.get(outbox.lane()).add(new Delivery(outbox, frame));
                }
            }
        });
        for (int lane = 0; lane < byLane.size(); lane++) {
            List<Delivery> deliveries = byLane.get(lane);
            if (!deliveries.isEmpty()) {
                lanes.get(lane).execute(new LaneTask(deliveries, delivered));
            }
        }
    }

    /** A resuming subscriber's task is never dropped: it only hands its replay to the outbox, so it runs at once. */
    private void dropOldest(Runnable task, ThreadPoolExecutor executor) {
        if (!executor.isShutdown()) {
            Runnable oldest = executor.getQueue().poll();
            if (oldest instanceof LaneTask deliveries) {
                dropped.increment(deliveries.deliveries().size());
            }
            else if (oldest != null) {
                oldest.run();
            }
            executor.execute(task);
        }
    }

    /** Hands one message to the outboxes of one lane's subscribers. */
    private record LaneTask(List<Delivery> deliveries, Counter delivered) implements Runnable {

        @Override
        public void run() {
            for (Delivery delivery : deliveries) {
                delivery.outbox().send(delivery.frame());
            }
            delivered.increment(deliveries.size());
        }
    }

    /** Hands a resuming subscriber's missed messages, or its snapshot, to its outbox, ahead of what comes next. */
    private record ReplayTask(SessionOutbox outbox, Iterator<EncodedFrame> frames, int count, Counter delivered)
            implements Runnable {

        @Override
        public void run() {
            outbox.sendFirst(frames);
            delivered.increment(count);
        }
    }

    private EncodedFrame encode(Message<?> message, byte[] payload, String subscriptionId, String messageId) {
        StompHeaderAccessor headers = StompHeaderAccessor.wrap(message);
        headers.setSubscriptionId(subscriptionId);
        headers.setMessageId(messageId);
        headers.updateStompCommandAsServerMessage();
        return new EncodedFrame(encoder.encode(headers.getMessageHeaders(), payload));
    }

    private record Delivery(SessionOutbox outbox, EncodedFrame frame) {
    }
}
