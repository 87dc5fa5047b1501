package com.stockticker.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.broker.DefaultSubscriptionRegistry;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.MultiValueMap;

/**
 * The broker for {@code /topic/**} in simple mode, built for fan-out. Spring's simple broker copies the
 * headers and hands one message per subscriber to the outbound channel, where each is encoded to a STOMP
 * frame, turned into a {@code String}, and written by a thread that blocks on the socket. Here a message is
 * encoded once per subscription id (clients mostly use the same few ids, such as {@code sub-0}) and the same
 * frame is appended to each subscriber's {@link SessionOutbox}, as text or, for clients that asked for
 * them, as binary frames that go out as the encoded bytes. The appending is spread over a few lanes,
 * one thread each; a session always uses the same lane, so it gets the messages in the order they were
 * published. Subscriptions are kept in Spring's {@link DefaultSubscriptionRegistry}, as the simple broker
 * keeps them, so patterns and destinations match exactly as before.
 */
class TopicBroker extends AbstractBrokerMessageHandler {

    /**
     * Messages a lane may have waiting. A lane only falls behind when the server as a whole cannot keep up;
     * it then drops its oldest message rather than hold an ever longer backlog. Clients see the gap in
     * {@code seq} and resync from a snapshot, as the protocol asks. A tick publishes up to a hundred messages at
     * once (the batch, a quote per instrument, its candle at each interval): room for about ten ticks.
     */
    private static final int LANE_BACKLOG = 1_000;

    private final DefaultSubscriptionRegistry subscriptions = new DefaultSubscriptionRegistry();
    private final StompEncoder encoder = new StompEncoder();
    private final AtomicLong messageIds = new AtomicLong();
    private final SessionOutboxes outboxes;
    private final Counter delivered;
    private final Counter dropped;
    private final List<ThreadPoolTaskExecutor> lanes = new ArrayList<>();

    TopicBroker(SubscribableChannel clientInboundChannel, MessageChannel clientOutboundChannel,
            SubscribableChannel brokerChannel, String destinationPrefix, SessionOutboxes outboxes, Counter delivered,
            Counter dropped) {
        super(clientInboundChannel, clientOutboundChannel, brokerChannel, List.of(destinationPrefix));
        this.outboxes = outboxes;
        this.delivered = delivered;
        this.dropped = dropped;
    }

    @Override
    public void startInternal() {
        for (int lane = 0; lane < outboxes.lanes(); lane++) {
            ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
            executor.setThreadNamePrefix("fan-out-" + lane + "-");
            executor.setCorePoolSize(1);
            executor.setMaxPoolSize(1);
            executor.setQueueCapacity(LANE_BACKLOG);
            executor.setRejectedExecutionHandler(this::dropOldest);
            executor.initialize();
            lanes.add(executor);
        }
        publishBrokerAvailableEvent();
    }

    @Override
    public void stopInternal() {
        publishBrokerUnavailableEvent();
        lanes.forEach(ThreadPoolTaskExecutor::shutdown);
        lanes.clear();
    }

    @Override
    protected void handleMessageInternal(Message<?> message) {
        MessageHeaders headers = message.getHeaders();
        if (!checkDestinationPrefix(SimpMessageHeaderAccessor.getDestination(headers))) {
            return;
        }
        SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(headers);
        if (type == SimpMessageType.MESSAGE) {
            fanOut(message);
        }
        else if (type == SimpMessageType.SUBSCRIBE) {
            subscriptions.registerSubscription(message);
        }
        else if (type == SimpMessageType.UNSUBSCRIBE) {
            subscriptions.unregisterSubscription(message);
        }
        else if (type == SimpMessageType.DISCONNECT) {
            String sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
            if (sessionId != null) {
                subscriptions.unregisterAllSubscriptions(sessionId);
            }
        }
    }

    private void fanOut(Message<?> message) {
        MultiValueMap<String, String> subscribers = subscriptions.findSubscriptions(message);
        if (subscribers.isEmpty() || !(message.getPayload() instanceof byte[] payload)) {
            return;
        }
        String messageId = Long.toString(messageIds.incrementAndGet());
        Map<String, EncodedFrame> frames = new HashMap<>();
        List<List<Delivery>> byLane = new ArrayList<>(lanes.size());
        lanes.forEach(lane -> byLane.add(new ArrayList<>()));
        subscribers.forEach((sessionId, subscriptionIds) -> {
            SessionOutbox outbox = outboxes.get(sessionId);
            if (outbox != null) {
                for (String subscriptionId : subscriptionIds) {
                    EncodedFrame frame = frames.computeIfAbsent(subscriptionId, id -> encode(message, payload, id, messageId));
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

    private void dropOldest(Runnable task, ThreadPoolExecutor executor) {
        if (!executor.isShutdown()) {
            if (executor.getQueue().poll() instanceof LaneTask oldest) {
                dropped.increment(oldest.deliveries().size());
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
