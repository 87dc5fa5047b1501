package com.stockticker.bench;

import org.HdrHistogram.Histogram;

/**
 * The ramp's outcome: connections attempted before its deadline and connected (STOMP CONNECTED, still open), how long
 * it took, and the connect and handshake times (microseconds).
 */
record Ramp(int attempted, int connected, double seconds, Histogram connectTimes, Histogram handshakeTimes) {
}
