package com.stockticker.cluster;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which users hold at least one session on this instance, from the sessions' connects and disconnects: says
 * when a user's first session arrives and when the last one leaves, which is when the instance binds and unbinds
 * its user queue for that user. A disconnect counts once per session, however often it is reported.
 */
final class SessionCounts {

    private final Map<String, String> userBySession = new HashMap<>();
    private final Map<String, Set<String>> sessionsByUser = new HashMap<>();

    /** @return whether this is the user's first session here */
    synchronized boolean connected(String username, String sessionId) {
        if (userBySession.putIfAbsent(sessionId, username) != null) {
            return false;
        }
        Set<String> sessions = sessionsByUser.computeIfAbsent(username, name -> new HashSet<>());
        sessions.add(sessionId);
        return sessions.size() == 1;
    }

    /** @return the user whose last session here this was, or {@code null} */
    synchronized String disconnected(String sessionId) {
        String username = userBySession.remove(sessionId);
        if (username == null) {
            return null;
        }
        Set<String> sessions = sessionsByUser.get(username);
        sessions.remove(sessionId);
        if (!sessions.isEmpty()) {
            return null;
        }
        sessionsByUser.remove(username);
        return username;
    }

    synchronized boolean holds(String username) {
        return sessionsByUser.containsKey(username);
    }

    synchronized List<String> users() {
        return List.copyOf(sessionsByUser.keySet());
    }
}
