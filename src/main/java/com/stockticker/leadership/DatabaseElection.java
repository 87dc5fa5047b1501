package com.stockticker.leadership;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import com.stockticker.storage.Journal;

/**
 * Elects the active core among the cores of a cluster on one PostgreSQL: each tries the {@link AdvisoryLock}
 * every poll interval while it stands by, and the one that gets it takes over; the active core checks at every
 * poll that it still holds it, and stands down at once when it cannot tell (the database is away or slow), then
 * competes again like any standby.
 *
 * <p>A core that is not part of a cluster has no standby to hand over to and no way to serve clients without the
 * lock: if another core holds it at start-up, it refuses to start (two single cores on one database would both
 * trade).
 */
class DatabaseElection implements SmartLifecycle {

    static final String ANOTHER_CORE = "Another core is active on this database (see core_leader). A second core may run "
            + "only as its standby, in a cluster: set ticker.cluster.enabled=true (README.md, \"Failover\")";

    private static final Logger log = LoggerFactory.getLogger(DatabaseElection.class);

    private final Succession succession;
    private final AdvisoryLock lock;
    private final Duration pollInterval;
    private final boolean standbyAllowed;
    private volatile boolean running;
    /** Only the election's thread (and start and stop, while it does not run) touches the lock. */
    private boolean holding;
    private Thread thread;

    DatabaseElection(Succession succession, AdvisoryLock lock, Duration pollInterval, boolean standbyAllowed) {
        this.succession = succession;
        this.lock = lock;
        this.pollInterval = pollInterval;
        this.standbyAllowed = standbyAllowed;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (!standbyAllowed) {
            if (!lock.tryAcquire()) {
                lock.release();
                throw new IllegalStateException(ANOTHER_CORE);
            }
            holding = true;
            succession.takeOver();
        }
        running = true;
        thread = new Thread(this::run, "core-election");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                poll();
            }
            catch (RuntimeException unexpected) {
                // The election must go on whatever one round met: a core that stopped polling could neither take
                // over nor notice that it lost the lock.
                log.error("A round of the core election failed; the next one comes in {}", pollInterval, unexpected);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            }
            catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    /** One round: a standby tries the lock, the active core checks it. */
    void poll() {
        if (succession.active()) {
            if (!lock.held()) {
                succession.standDown("the database did not confirm the core lock");
                release();
            }
            return;
        }
        if (holding) {
            // Holding the lock but not active: the journal found another core's epoch, or a takeover failed.
            release();
        }
        if (lock.tryAcquire()) {
            holding = true;
            try {
                succession.takeOver();
            }
            catch (RuntimeException failed) {
                log.error("Could not take over as the active core; letting the lock go and trying again", failed);
                release();
            }
        }
    }

    private void release() {
        lock.release();
        holding = false;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        succession.standDown("the instance is shutting down");
        release();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Right after the journal: the duties need it to take over, and it outlives them at shutdown. */
    @Override
    public int getPhase() {
        return Journal.PHASE + 1;
    }
}
