package com.stockticker.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL of a test class's own, on a loopback port nobody else uses: started with {@code scripts/postgresql.sh}
 * before the class's tests and stopped after them. Each test takes a new database of it ({@link #newDatabase()}).
 * Tests may stop and start it again in between, to see an outage; it keeps its data and port.
 *
 * <pre>{@code @RegisterExtension static final PostgreSql postgres = new PostgreSql();}</pre>
 */
public final class PostgreSql extends ScriptedServer {

    private final AtomicInteger databases = new AtomicInteger();

    public PostgreSql() {
        super("scripts/postgresql.sh", 1);
    }

    /** The JDBC URL of a new, empty database on this server (user {@code postgres}, no password). */
    public String newDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (TestDatabase server = TestDatabase.at(url("postgres"), "postgres")) {
            server.jdbc().execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port(0) + "/" + database;
    }
}
