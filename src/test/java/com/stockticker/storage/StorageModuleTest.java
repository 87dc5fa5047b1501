package com.stockticker.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage module on its own, over a new in-memory database migrated by Flyway (the test profile's URL): the
 * journal commits what is appended and only then runs each entry's {@code committed} callback, in journal order;
 * a flush completes after everything appended before it; a reserved sequence hands out increasing numbers, each
 * one stored as taken before it is handed out, and a sequence opened again starts above them. No core is
 * elected here (leadership is not bootstrapped): the test takes the journal over with the database's epoch, as
 * the active core does.
 */
@ApplicationModuleTest(mode = BootstrapMode.STANDALONE)
@ActiveProfiles("test")
@DirtiesContext
class StorageModuleTest {

    /** A bound against a hung commit, not a measure of speed. */
    private static final Duration COMMIT = Duration.ofSeconds(30);

    @Autowired
    Journal journal;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void takeOverAsTheActiveCore() {
        journal.takeOver(jdbc.queryForObject("SELECT epoch FROM core_leader WHERE id = 1", Long.class));
        assertThat(journal.available()).isTrue();
    }

    @Test
    void theJournalCommitsEachEntryAndThenRunsItsCallbackInJournalOrder() throws Exception {
        int entries = 50;
        List<String> released = new CopyOnWriteArrayList<>();
        for (int i = 0; i < entries; i++) {
            String name = "journal-" + i;
            // Each callback looks for its own row: a change is released only once it is stored.
            journal.append(new Entry(null, List.of(new Change.Insert(ReservedSequence.SEQUENCES, name, (long) i)),
                    () -> released.add(name + (stored(name) ? " stored" : " released unstored")), () -> released.add(name + " failed")));
        }
        // Updated after it was inserted, and in the same batch if the writer took them together: the last values win.
        journal.append(new Entry(null, List.of(new Change.Update(ReservedSequence.SEQUENCES, "journal-0", 1000L)),
                () -> released.add("journal-0 updated"), () -> released.add("journal-0 update failed")));

        journal.flush().get(COMMIT.toSeconds(), TimeUnit.SECONDS);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            expected.add("journal-" + i + " stored");
        }
        expected.add("journal-0 updated");
        // Complete when the flush is: the callbacks run in journal order, the flush's after all of these.
        assertThat(released).containsExactlyElementsOf(expected);
        assertThat(reservedUpTo("journal-0")).isEqualTo(1000L);
    }

    @Test
    void aReservedSequenceHandsOutIncreasingNumbersThatTheDatabaseHoldsAsTaken() throws Exception {
        int blockSize = 10;
        ReservedSequence sequence = ReservedSequence.open(jdbc, journal, "module-test", blockSize);
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < 3 * blockSize; i++) {
            long number = sequence.next();
            if (number == -1) {
                // The next block was asked for through the journal before this block ran out: once what was
                // appended is committed and released, it is there.
                journal.flush().get(COMMIT.toSeconds(), TimeUnit.SECONDS);
                number = sequence.next();
            }
            assertThat(reservedUpTo("module-test")).as("taken in the database before %d is handed out", number)
                    .isGreaterThanOrEqualTo(number);
            numbers.add(number);
        }

        assertThat(numbers).containsExactlyElementsOf(
                LongStream.rangeClosed(sequence.start() + 1, sequence.start() + numbers.size()).boxed().toList());
        // As after a restart: whatever was handed out, the sequence opened again hands out greater numbers.
        ReservedSequence reopened = ReservedSequence.open(jdbc, journal, "module-test", blockSize);
        assertThat(reopened.start()).isGreaterThanOrEqualTo(numbers.get(numbers.size() - 1));
        assertThat(reopened.next()).isGreaterThan(numbers.get(numbers.size() - 1));
    }

    private boolean stored(String name) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM sequences WHERE name = ?", Integer.class, name) == 1;
    }

    private long reservedUpTo(String name) {
        return jdbc.queryForObject("SELECT reserved_up_to FROM sequences WHERE name = ?", Long.class, name);
    }
}
