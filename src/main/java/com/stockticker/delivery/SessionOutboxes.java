package com.stockticker.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.web.socket.CloseStatus;

/**
 * The outboxes of the open sessions, by session id (which is also the STOMP session id): where the topic fan-out
 * finds a subscriber's outbox, and how every session is closed at once. {@link OutboxDecoratorFactory} adds a
 * session's outbox as it opens and removes it as it closes.
 */
public class SessionOutboxes {

    private final Map<String, SessionOutbox> outboxes = new ConcurrentHashMap<>();

    void opened(SessionOutbox outbox) {
        outboxes.put(outbox.getId(), outbox);
    }

    void closed(String sessionId) {
        outboxes.remove(sessionId);
    }

    /** The outbox of an open session, or {@code null}. */
    SessionOutbox get(String sessionId) {
        return outboxes.get(sessionId);
    }

    /**
     * Closes every open session with {@code status}, each once the frames already queued for it are written;
     * returns how many there were.
     */
    public int closeAll(CloseStatus status) {
        List<SessionOutbox> open = List.copyOf(outboxes.values());
        open.forEach(outbox -> outbox.close(status));
        return open.size();
    }
}
