package com.stockticker.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Part of readiness ({@code storage}): a service that cannot store orders should get no new clients. Down from
 * the first failed commit until the database is back and the state in memory is reloaded from it. A standby
 * core stores nothing (the active core does) and serves its clients as an edge does: up.
 */
class StorageHealthIndicator implements HealthIndicator {

    private final Journal journal;

    StorageHealthIndicator(Journal journal) {
        this.journal = journal;
    }

    @Override
    public Health health() {
        if (journal.available()) {
            return Health.up().build();
        }
        if (journal.standingBy()) {
            return Health.up().withDetail("journal", "standing by: another core stores").build();
        }
        return Health.down().withDetail("reason", "the database failed; retrying").build();
    }
}
