package com.stockticker.messaging;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * One INFO line per refused connection, but at most {@code perSecond} lines a second: a client that opens
 * thousands of connections only to break them must not fill the disk. What is left out is counted and said
 * in the next line that is written.
 */
final class RefusalLog {

    private final Logger log;
    private final int perSecond;
    private final Clock clock;
    private final AtomicLong second = new AtomicLong(-1);
    private final AtomicLong writtenThisSecond = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    RefusalLog(Logger log, int perSecond, Clock clock) {
        this.log = log;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** Logs {@code format} with {@code arguments} at INFO level, unless this second's lines are used up. */
    void info(String format, Object... arguments) {
        long now = clock.millis() / 1000;
        long previous = second.get();
        if (previous != now && second.compareAndSet(previous, now)) {
            writtenThisSecond.set(0);
        }
        if (writtenThisSecond.incrementAndGet() > perSecond) {
            suppressed.incrementAndGet();
            return;
        }
        long left = suppressed.getAndSet(0);
        if (left > 0) {
            log.info(format + " ({} similar lines left out before this one)", append(arguments, left));
        }
        else {
            log.info(format, arguments);
        }
    }

    private static Object[] append(Object[] arguments, Object last) {
        Object[] all = java.util.Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = last;
        return all;
    }
}
