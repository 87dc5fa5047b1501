package com.stockticker.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.stockticker.storage.Journal;
import com.stockticker.storage.StorageProperties;

/**
 * A migrated database of the service's schema outside a Spring context, for tests of the storage classes:
 * a new in-memory HSQLDB database, or any JDBC URL (a PostgreSQL a test started). Closing it stops its journals.
 */
public final class TestDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final java.util.List<Journal> journals = new java.util.ArrayList<>();

    private TestDatabase(String url, String username) {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(username);
        dataSource.setMaximumPoolSize(4);
        // A test may take the database away and bring it back: connections fail fast, and the pool starts empty.
        dataSource.setConnectionTimeout(5_000);
        dataSource.setInitializationFailTimeout(-1);
        jdbc = new JdbcTemplate(dataSource);
    }

    /** A new, empty in-memory database of the embedded kind, migrated to the latest schema. */
    public static TestDatabase embedded() {
        return at(embeddedUrl(), "sa").migrate();
    }

    /** The URL of a new, empty in-memory database of the embedded kind (HSQLDB), kept while the JVM runs. */
    public static String embeddedUrl() {
        return "jdbc:hsqldb:mem:" + UUID.randomUUID() + ";hsqldb.tx=mvcc";
    }

    /** The database at {@code url}, not migrated yet. */
    public static TestDatabase at(String url, String username) {
        return new TestDatabase(url, username);
    }

    public TestDatabase migrate() {
        Flyway.configure().dataSource(dataSource).load().migrate();
        return this;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * A started journal on this database that retries a failed database every 100 ms, taking changes as the
     * journal of the only core there has been (epoch 0 of {@code core_leader}: no core took over since).
     */
    public Journal journal() {
        Journal journal = journalStandingBy();
        journal.takeOver(0);
        return journal;
    }

    /** A started journal that takes nothing until {@link Journal#takeOver(long)}, as a core's before it is the active one. */
    public Journal journalStandingBy() {
        Journal journal = new Journal(jdbc, transactions(), new StorageProperties(Path.of("unused"), 2000, Duration.ofMillis(100)),
                new SimpleMeterRegistry());
        journal.start();
        journals.add(journal);
        return journal;
    }

    @Override
    public void close() {
        journals.forEach(Journal::stop);
        dataSource.close();
    }
}
