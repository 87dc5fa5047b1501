package com.stockticker.bench;

import org.HdrHistogram.Histogram;

/**
 * The subscribe phase's outcome: subscribers subscribed, those without a first message when the wait for it ended,
 * those frozen, and the time to the first message (microseconds).
 */
record Subscriptions(int subscribed, int withoutFirstMessage, int frozen, Histogram firstMessageTimes) {
}
