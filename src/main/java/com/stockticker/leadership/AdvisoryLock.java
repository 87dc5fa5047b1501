package com.stockticker.leadership;

import java.time.Duration;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The cores' lock: a PostgreSQL session-level advisory lock, held on a connection of its own outside the pool,
 * for as long as that connection lives. PostgreSQL lets it go the moment the connection ends: at once when the
 * holder's process dies (its socket closes), and when the holder vanishes from the network, once TCP keepalive
 * has given up on it; this connection asks for that after {@link #KEEPALIVE_IDLE_SECONDS} s of silence and
 * {@link #KEEPALIVE_COUNT} unanswered probes a second apart, about 7 s.
 *
 * <p>The holder proves to itself that it still holds the lock by asking the connection a question at every
 * poll, with a read timeout (the {@code lockTimeout}) well under those 7 s: a holder cut off from the database
 * gives up first, before PostgreSQL can hand the lock to another core.
 */
class AdvisoryLock {

    /** "Ticker" in ASCII: the one lock of StockTicker's cores; any other use of advisory locks picks another number. */
    static final long KEY = 0x5469636B6572L;
    static final int KEEPALIVE_IDLE_SECONDS = 5;
    static final int KEEPALIVE_COUNT = 2;

    private static final Logger log = LoggerFactory.getLogger(AdvisoryLock.class);

    private final JdbcConnectionDetails database;
    private final Duration timeout;
    private final String instance;
    private SingleConnectionDataSource connection;
    private JdbcTemplate jdbc;

    AdvisoryLock(JdbcConnectionDetails database, Duration timeout, String instance) {
        this.database = database;
        this.timeout = timeout;
        this.instance = instance;
    }

    /** Takes the lock if no other core holds it; never waits for it. */
    boolean tryAcquire() {
        try {
            open();
            return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_lock(?)", Boolean.class, KEY));
        }
        catch (DataAccessException ex) {
            log.debug("Could not try the core lock: {}", ex.getMessage());
            release();
            return false;
        }
    }

    /** Whether this instance still holds the lock: its connection answers within the timeout. */
    boolean held() {
        if (jdbc == null) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(jdbc.queryForObject("SELECT count(*) = 1 FROM pg_locks WHERE locktype = 'advisory' "
                    + "AND pid = pg_backend_pid() AND granted AND classid::bigint = ? AND objid::bigint = ?", Boolean.class, KEY >>> 32, KEY & 0xFFFFFFFFL));
        }
        catch (DataAccessException ex) {
            log.warn("The database did not confirm the core lock: {}", ex.getMessage());
            return false;
        }
    }

    /** Lets the lock go by closing its connection, whatever state that connection is in. */
    void release() {
        if (connection != null) {
            connection.destroy();
            connection = null;
            jdbc = null;
        }
    }

    private void open() {
        if (connection == null) {
            Properties properties = new Properties();
            properties.setProperty("user", database.getUsername() != null ? database.getUsername() : "");
            properties.setProperty("password", database.getPassword() != null ? database.getPassword() : "");
            long seconds = Math.max(1, timeout.toSeconds());
            properties.setProperty("connectTimeout", Long.toString(seconds));
            properties.setProperty("socketTimeout", Long.toString(seconds));
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("ApplicationName", "stockticker core lock " + instance);
            SingleConnectionDataSource opened = new SingleConnectionDataSource();
            opened.setDriverClassName(database.getDriverClassName());
            opened.setUrl(database.getJdbcUrl());
            opened.setConnectionProperties(properties);
            opened.setSuppressClose(true);
            connection = opened;
            jdbc = new JdbcTemplate(opened);
            jdbc.execute("SET tcp_keepalives_idle = " + KEEPALIVE_IDLE_SECONDS);
            jdbc.execute("SET tcp_keepalives_interval = 1");
            jdbc.execute("SET tcp_keepalives_count = " + KEEPALIVE_COUNT);
        }
    }
}
