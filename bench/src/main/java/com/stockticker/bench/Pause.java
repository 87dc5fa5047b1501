package com.stockticker.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** The tool's waits: until a time on {@link System#nanoTime}, for some seconds, or while a condition holds. */
final class Pause {

    private Pause() {
    }

    static void until(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    static void seconds(double s) {
        until(System.nanoTime() + (long) (s * 1e9));
    }

    /** Checks {@code condition} every {@code everyNanos} while it holds, until {@code deadline} at the latest. */
    static void whileTrue(BooleanSupplier condition, long everyNanos, long deadline) {
        while (System.nanoTime() < deadline && condition.getAsBoolean()) {
            LockSupport.parkNanos(everyNanos);
        }
    }
}
