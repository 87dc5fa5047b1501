package com.stockticker.bench;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;

/** How the subscribers ended, counted before the tool closes them: those that kept reading and the frozen ones apart. */
record Teardown(Endings readers, Endings frozen) {

    static Teardown count(Subscriber[] subscribers, Window window) {
        return new Teardown(Endings.count(subscribers, s -> !s.frozen, window),
                Endings.count(subscribers, s -> s.frozen, window));
    }

    /**
     * Subscribers still held at the end (subscribed and open), and those closed by the server after CONNECTED, in the
     * window or at any time.
     */
    record Endings(int heldAtEnd, int closedByServerInWindow, int closedByServerTotal) {

        static Endings count(Subscriber[] subscribers, Predicate<Subscriber> which, Window window) {
            int held = 0;
            int closedInWindow = 0;
            int closedTotal = 0;
            for (Subscriber s : Arrays.stream(subscribers).filter(Objects::nonNull).filter(which).toList()) {
                if (s.subscribed && !s.closed) {
                    held++;
                }
                if (s.closed && s.stompConnected) {
                    closedTotal++;
                    if (window.contains(s.closedAtNanos)) {
                        closedInWindow++;
                    }
                }
            }
            return new Endings(held, closedInWindow, closedTotal);
        }
    }
}
