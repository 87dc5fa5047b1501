package com.stockticker.trading;

/**
 * Allows {@code burst} actions at once and {@code perSecond} on average, on the desk's clock so that tests
 * control time. Not thread-safe: its account's lock guards it.
 */
final class TokenBucket {

    private final double capacity;
    private final double perMilli;
    private double tokens;
    private long refilledAt;

    TokenBucket(int burst, int perSecond, long nowMillis) {
        this.capacity = burst;
        this.perMilli = perSecond / 1000.0;
        this.tokens = burst;
        this.refilledAt = nowMillis;
    }

    boolean tryTake(long nowMillis) {
        // A clock set back gives nothing back, rather than taking tokens away.
        tokens = Math.min(capacity, tokens + Math.max(0, nowMillis - refilledAt) * perMilli);
        refilledAt = Math.max(refilledAt, nowMillis);
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
