package com.stockticker.messaging;

import java.security.Principal;

/**
 * The principal of a connection that did not authenticate: unique per connection, so that
 * {@code /user/queue/...} destinations reach exactly that connection.
 */
record AnonymousPrincipal(String name) implements Principal {

    /**
     * Named after the session, which is unique while it is open (Spring gives a WebSocket a random UUID; SockJS
     * refuses a session id in use). Not a random UUID of its own: each one takes the JDK's one shared
     * {@code SecureRandom} lock, and when thousands of clients reconnect at once (a reconnect storm) the threads
     * queued on that lock held up the connections behind them.
     */
    static AnonymousPrincipal of(String sessionId) {
        return new AnonymousPrincipal("anonymous-" + sessionId);
    }

    @Override
    public String getName() {
        return name;
    }
}
