package com.stockticker.messaging;

import java.util.Set;

/**
 * Sessions of a user that other instances hold and announced, which the user registry may not list yet: it
 * learns of other instances' sessions from their periodic broadcasts. Only with a broker relay.
 */
public interface RemoteSessions {

    Set<String> of(String username);
}
