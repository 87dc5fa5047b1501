package com.stockticker.storage;

import java.sql.Types;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Numbers that never repeat, even after a crash: before a number is handed out, the database holds that
 * numbers up to at least it are taken ("reserved up to N"), and a restart starts above N. Blocks are reserved
 * ahead through the {@link Journal}, half a block before they run out, so that taking a number never waits for
 * the database; if the database cannot keep up, {@link #next()} says so instead of waiting.
 */
public final class ReservedSequence {

    static final Table SEQUENCES = new Table("sequences", 1,
            List.of(new Table.Column("name", Types.VARCHAR), new Table.Column("reserved_up_to", Types.BIGINT)));

    private final String name;
    private final long blockSize;
    private final Journal journal;
    private final long start;
    private long next;
    private long limit;
    private boolean reserving;

    private ReservedSequence(String name, long blockSize, Journal journal, long reserved) {
        this.name = name;
        this.blockSize = blockSize;
        this.journal = journal;
        this.start = reserved;
        this.next = reserved + 1;
        this.limit = reserved;
    }

    /**
     * Opens the sequence {@code name} at start-up, above every number it may have handed out before, and
     * reserves its first block at once.
     */
    public static ReservedSequence open(JdbcTemplate jdbc, Journal journal, String name, long blockSize) {
        List<Long> stored = jdbc.queryForList("SELECT reserved_up_to FROM sequences WHERE name = ?", Long.class, name);
        long reserved = stored.isEmpty() ? 0 : stored.get(0);
        ReservedSequence sequence = new ReservedSequence(name, blockSize, journal, reserved);
        if (stored.isEmpty()) {
            jdbc.update("INSERT INTO sequences (name, reserved_up_to) VALUES (?, ?)", name, reserved + blockSize);
        }
        else {
            jdbc.update("UPDATE sequences SET reserved_up_to = ? WHERE name = ?", reserved + blockSize, name);
        }
        sequence.limit = reserved + blockSize;
        return sequence;
    }

    /** The highest number that may have been handed out before this start: every new one is greater. */
    public long start() {
        return start;
    }

    /** The next number, or -1 if none is reserved yet (the database is down or slow). */
    public synchronized long next() {
        if (!covers(next)) {
            return -1;
        }
        return next++;
    }

    /** Whether {@code number} may be used now; asks for the next block when this one runs low. */
    public synchronized boolean covers(long number) {
        if (!reserving && limit - number < blockSize / 2 && journal.available()) {
            reserving = true;
            long reserveTo = Math.max(limit, number) + blockSize;
            journal.append(new Entry(null, List.of(new Change.Update(SEQUENCES, name, reserveTo)),
                    () -> reserved(reserveTo), this::notReserved));
        }
        return number <= limit;
    }

    private synchronized void reserved(long upTo) {
        limit = Math.max(limit, upTo);
        reserving = false;
    }

    private synchronized void notReserved() {
        reserving = false;
    }
}
