package com.stockticker.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: callers append what they changed in memory and go on at once; one writer thread commits
 * everything appended since its last commit in one transaction, and then runs each entry's {@code committed}
 * callback, in journal order, on one release thread. Whoever tells a client about a change does it in that
 * callback, so a client hears only of what is stored, and the threads that append (the market's among them)
 * never wait for the database.
 *
 * <p>If a commit fails, nothing of that batch is released, the journal turns {@linkplain #available()
 * unavailable}, and the writer tries the database every {@link StorageProperties#retryInterval()}. When it
 * answers again, every registered {@link Recovery} brings its memory back to what the database holds, and the
 * journal is available again.
 *
 * <p>The journal takes changes only on the active core: from {@link #takeOver(long)} to {@link #standDown()}.
 * It is the fence that keeps a replaced core from storing anything: every commit first checks, in its own
 * transaction, that the epoch of {@code core_leader} is still the one this core took over with. A core that
 * became active since has raised it, and the commit is rolled back and released to nobody; PostgreSQL's row
 * lock orders the two (the new core's raise waits for a commit in progress, a later commit sees the new
 * epoch). The journal then stands down by itself and tells whoever {@linkplain #onFenced asked}.
 */
public class Journal implements SmartLifecycle {

    /** Starts before the web server accepts clients and stops after it has let them go. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final Entry END = new Entry(null, List.of(), () -> { }, () -> { });

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StorageProperties properties;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final List<Recovery> recoveries = new CopyOnWriteArrayList<>();
    private ExecutorService release;
    private final Timer commits;
    private final DistributionSummary batchSizes;
    private volatile State state = State.STANDBY;
    private volatile long epoch;
    private volatile Runnable fenced = () -> { };
    private volatile boolean stopping;
    private Thread writer;

    public Journal(JdbcTemplate jdbc, TransactionTemplate transactions, StorageProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.commits = Timer.builder("ticker.journal.commit").description("Time to commit one batch of journal entries")
                .publishPercentileHistogram().register(meters);
        this.batchSizes = DistributionSummary.builder("ticker.journal.batch").description("Journal entries per commit")
                .register(meters);
        meters.gauge("ticker.journal.queued", queue, BlockingQueue::size);
    }

    /** Whether the database takes changes; while it does not, callers refuse what they would have to store. */
    public boolean available() {
        return state == State.OPEN;
    }

    /** Whether the journal stands by: this instance is not the active core, or not yet. */
    public boolean standingBy() {
        return state == State.STANDBY;
    }

    /**
     * This instance is the active core as of {@code epoch} (the value it raised {@code core_leader.epoch} to):
     * the journal takes changes, and stores them only while that epoch holds.
     */
    public void takeOver(long epoch) {
        this.epoch = epoch;
        state = State.OPEN;
    }

    /**
     * This instance is no longer the active core: nothing more is taken. What is queued is still committed, or
     * refused by the fence if another core took over meanwhile; either way nobody hears of what is not stored.
     */
    public void standDown() {
        state = State.STANDBY;
    }

    /** What to do when a commit finds that another core took over: stand this one down. */
    public void onFenced(Runnable action) {
        this.fenced = action;
    }

    /** Queues an entry; never blocks. */
    public void append(Entry entry) {
        queue.add(entry);
    }

    /** Completes once everything appended before it has been committed and released. */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        append(new Entry(null, List.of(), () -> flushed.complete(null),
                () -> flushed.completeExceptionally(new IllegalStateException("The database failed"))));
        return flushed;
    }

    public void register(Recovery recovery) {
        recoveries.add(recovery);
    }

    /**
     * Takes the queued entries of {@code owner} out of the journal, unstored, and runs their {@code failed}
     * callbacks. For a {@link Recovery}, while it holds whatever keeps {@code owner}'s state from changing.
     */
    public void withdraw(String owner) {
        List<Entry> withdrawn = new ArrayList<>();
        queue.removeIf(entry -> {
            boolean owned = owner.equals(entry.owner());
            if (owned) {
                withdrawn.add(entry);
            }
            return owned;
        });
        withdrawn.forEach(entry -> entry.failed().run());
    }

    @Override
    public synchronized void start() {
        if (writer == null) {
            stopping = false;
            // Started anew with the writer: a context may be stopped and started again.
            release = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("journal-release-"));
            writer = new Thread(this::run, "journal-writer");
            writer.start();
        }
    }

    /** Commits what is queued, then stops. */
    @Override
    public synchronized void stop() {
        if (writer != null) {
            stopping = true;
            queue.add(END);
            try {
                writer.join(TimeUnit.SECONDS.toMillis(30));
                release.shutdown();
                release.awaitTermination(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            writer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return writer != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void run() {
        List<Entry> batch = new ArrayList<>();
        try {
            while (true) {
                batch.clear();
                batch.add(queue.take());
                queue.drainTo(batch, properties.maxBatch() - 1);
                boolean end = batch.remove(END);
                if (!batch.isEmpty()) {
                    commit(batch);
                }
                if (end) {
                    return;
                }
            }
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(List<Entry> batch) throws InterruptedException {
        List<Entry> committed = List.copyOf(batch);
        try {
            commits.record(() -> transactions.executeWithoutResult(status -> {
                checkFence();
                write(committed);
            }));
            batchSizes.record(committed.size());
            release.execute(() -> committed.forEach(entry -> entry.committed().run()));
        }
        catch (FencedException replaced) {
            log.warn("Another core became active (epoch {} is over); {} changes are not stored, and this core stands down",
                    replaced.epoch, committed.size());
            state = State.STANDBY;
            // Stood down before anyone hears of the failure, as below: whoever is told may look at the core's state.
            fenced.run();
            release.execute(() -> committed.forEach(entry -> entry.failed().run()));
        }
        catch (RuntimeException failure) {
            // Unavailable before anyone hears of the failure. A core standing by has nothing to recover: the next
            // takeover reloads everything.
            boolean recovering = state == State.OPEN;
            if (recovering) {
                state = State.FAILED;
            }
            log.error("The database failed; {} changes are not stored, and orders are refused until it is back: {}",
                    committed.size(), failure.toString(), failure);
            release.execute(() -> committed.forEach(entry -> entry.failed().run()));
            if (recovering) {
                recover();
            }
        }
    }

    /** Tries the database until it answers, then has every {@link Recovery} reload what it keeps in memory. */
    private void recover() throws InterruptedException {
        while (!stopping && state == State.FAILED) {
            Thread.sleep(properties.retryInterval().toMillis());
            try {
                transactions.executeWithoutResult(status -> checkFence());
                recoveries.forEach(Recovery::recover);
                state = State.OPEN;
                log.info("The database is back; orders are taken again");
                return;
            }
            catch (FencedException replaced) {
                log.warn("The database is back, and another core became active meanwhile; this core stands down");
                state = State.STANDBY;
                fenced.run();
                return;
            }
            catch (RuntimeException stillDown) {
                log.debug("The database is still down: {}", stillDown.toString());
            }
        }
    }

    /** The fence: in the commit's transaction, and holding the row until it ends. */
    private void checkFence() {
        long mine = epoch;
        if (jdbc.update("UPDATE core_leader SET epoch = epoch WHERE id = 1 AND epoch = ?", mine) == 0) {
            throw new FencedException(mine);
        }
    }

    private void write(List<Entry> batch) {
        Segment segment = new Segment();
        for (Entry entry : batch) {
            for (Change change : entry.changes()) {
                if (change instanceof Change.Insert insert) {
                    segment.put(insert.table(), insert.row(), true);
                }
                else if (change instanceof Change.Update update) {
                    segment.put(update.table(), update.row(), false);
                }
                else if (change instanceof Change.Statement statement) {
                    segment.flush();
                    jdbc.update(statement.sql(), statement.arguments());
                }
            }
        }
        segment.flush();
    }

    /**
     * The rows changed between two statements, each row once with its latest values: an order placed and
     * filled in one batch is one insert, a price that moved in ten ticks one update.
     */
    private final class Segment {

        private final Map<Table, Map<List<Object>, Row>> tables = new LinkedHashMap<>();

        void put(Table table, Object[] values, boolean insert) {
            Map<List<Object>, Row> rows = tables.computeIfAbsent(table, t -> new LinkedHashMap<>());
            List<Object> key = table.key(values);
            Row earlier = rows.get(key);
            rows.put(key, new Row(insert || (earlier != null && earlier.insert()), values));
        }

        void flush() {
            tables.forEach((table, rows) -> {
                Map<Boolean, List<Object[]>> byKind = new HashMap<>();
                rows.values().forEach(row -> byKind.computeIfAbsent(row.insert(), kind -> new ArrayList<>())
                        .add(row.insert() ? row.values() : table.updateArguments(row.values())));
                if (byKind.containsKey(true)) {
                    jdbc.batchUpdate(table.insertSql(), byKind.get(true), table.insertTypes());
                }
                if (byKind.containsKey(false)) {
                    jdbc.batchUpdate(table.updateSql(), byKind.get(false), table.updateTypes());
                }
            });
            tables.clear();
        }
    }

    private record Row(boolean insert, Object[] values) {
    }

    private enum State {
        /** Not the active core (or not yet): nothing is taken. */
        STANDBY,
        OPEN,
        /** The database failed; the writer tries it until it is back. */
        FAILED
    }

    private static final class FencedException extends RuntimeException {

        final long epoch;

        FencedException(long epoch) {
            super("epoch " + epoch + " is over", null, false, false);
            this.epoch = epoch;
        }
    }

    /** Brings state kept in memory back to what the database holds, after the database failed and came back. */
    @FunctionalInterface
    public interface Recovery {

        /** Runs on the journal's writer thread, before the journal is available again. */
        void recover();
    }
}
