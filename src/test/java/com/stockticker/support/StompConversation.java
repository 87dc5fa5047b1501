package com.stockticker.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * What a test does with one STOMP session, whatever carries its frames: a socket ({@link StompClient}) or the
 * application's channels ({@link ChannelStompClient}). Every frame the server sends the session is kept, in the
 * order it arrived; tests await what they expect.
 */
public abstract class StompConversation {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What the server sent, as it arrives. */
    protected final List<StompFrame> frames = new CopyOnWriteArrayList<>();
    private final AtomicInteger subscriptionIds = new AtomicInteger();
    private final AtomicInteger receiptIds = new AtomicInteger();

    public abstract void send(String command, Map<String, String> headers, String body);

    /** Every frame received so far, in order. */
    public List<StompFrame> frames() {
        return List.copyOf(frames);
    }

    /** An id for the session's next subscription. */
    public String nextSubscriptionId() {
        return "sub-" + subscriptionIds.incrementAndGet();
    }

    /** An id for a frame's {@code receipt} header. */
    public String nextReceipt() {
        return "receipt-" + receiptIds.incrementAndGet();
    }

    /** SEND with a JSON body. */
    public void sendJson(String destination, String json) {
        send("SEND", Map.of("destination", destination, "content-type", "application/json"), json);
    }

    /** Subscribes and returns the subscription id. */
    public String subscribe(String destination) {
        return subscribe(destination, Map.of());
    }

    /** Subscribes with more headers and returns the subscription id. */
    public String subscribe(String destination, Map<String, String> headers) {
        String id = nextSubscriptionId();
        Map<String, String> all = new LinkedHashMap<>(Map.of("id", id, "destination", destination));
        all.putAll(headers);
        send("SUBSCRIBE", all, "");
        return id;
    }

    /**
     * Subscribes, asking for a receipt, and returns the subscription id once the receipt has come: from then
     * on the subscription exists, and every message published to it arrives.
     */
    public String subscribeWithReceipt(String destination) {
        return subscribeWithReceipt(destination, Map.of());
    }

    /** {@link #subscribeWithReceipt(String)} with more headers. */
    public String subscribeWithReceipt(String destination, Map<String, String> headers) {
        String receipt = nextReceipt();
        Map<String, String> withReceipt = new LinkedHashMap<>(headers);
        withReceipt.put("receipt", receipt);
        String id = subscribe(destination, withReceipt);
        awaitReceipt(receipt);
        return id;
    }

    /** Waits for the RECEIPT of the frame that asked for {@code receipt}. */
    public StompFrame awaitReceipt(String receipt) {
        return await(frame -> frame.command().equals("RECEIPT") && receipt.equals(frame.header("receipt-id")));
    }

    /** The MESSAGE frames of one subscription received so far, in order. */
    public List<StompFrame> messages(String subscriptionId) {
        return frames().stream()
                .filter(frame -> frame.command().equals("MESSAGE") && subscriptionId.equals(frame.header("subscription")))
                .toList();
    }

    /** Waits for a frame that matches and returns the first such frame. */
    public StompFrame await(Predicate<StompFrame> match) {
        return Awaitility.await().atMost(TIMEOUT).until(() -> frames().stream().filter(match).findFirst(), found -> found.isPresent()).get();
    }

    /** Waits until a subscription has at least {@code count} messages and returns them all. */
    public List<StompFrame> awaitMessages(String subscriptionId, int count) {
        return Awaitility.await().atMost(TIMEOUT).until(() -> messages(subscriptionId), received -> received.size() >= count);
    }
}
