package com.stockticker.messaging;

import java.security.Principal;
import java.util.UUID;

/**
 * The principal of a connection that did not authenticate: unique per connection, so that
 * {@code /user/queue/...} destinations reach exactly that connection.
 */
record AnonymousPrincipal(String name) implements Principal {

    static AnonymousPrincipal next() {
        return new AnonymousPrincipal("anonymous-" + UUID.randomUUID());
    }

    @Override
    public String getName() {
        return name;
    }
}
