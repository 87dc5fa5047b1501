package com.stockticker.leadership;

import org.springframework.context.SmartLifecycle;

import com.stockticker.storage.Journal;

/**
 * The active core without an election: a core on its embedded database, which no other process can open
 * while this one has it (HSQLDB locks its files), is the only core there can be. It takes over at start-up, before
 * the web server takes clients, and stands down at shutdown.
 */
class SoleCore implements SmartLifecycle {

    private final Succession succession;
    private volatile boolean running;

    SoleCore(Succession succession) {
        this.succession = succession;
    }

    @Override
    public void start() {
        succession.takeOver();
        running = true;
    }

    @Override
    public void stop() {
        succession.standDown("the instance is shutting down");
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Journal.PHASE + 1;
    }
}
