package com.stockticker.trading;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.stockticker.support.PostgreSql;
import com.stockticker.support.TestDatabase;

/**
 * Every test of the desk and its storage again on a real PostgreSQL, a new database each; the database goes
 * away by stopping the server, as an outage would.
 */
@Tag("postgresql")
class PostgreSqlTradingDeskTest extends TradingDeskTest {

    @RegisterExtension
    static final PostgreSql postgres = new PostgreSql();

    @Override
    TestDatabase emptyDatabase() {
        return TestDatabase.at(postgres.newDatabase(), "postgres");
    }

    @Override
    void takeDatabaseAway() throws Exception {
        postgres.stop();
    }

    @Override
    void bringDatabaseBack() throws Exception {
        postgres.start();
    }
}
