package com.stockticker.storage;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.stockticker.StockTickerApplication;
import com.stockticker.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database the service cannot use stops it at start-up, with a message that says why. */
class StorageStartupTest {

    @Test
    void anUnreachableDatabaseStopsTheStart() throws IOException {
        int nobodyListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListens = socket.getLocalPort();
        }
        assertThatThrownBy(() -> start("jdbc:postgresql://127.0.0.1:" + nobodyListens + "/ticker"))
                .hasStackTraceContaining("Unable to obtain connection from database")
                .hasStackTraceContaining("Connection to 127.0.0.1:" + nobodyListens + " refused");
    }

    @Test
    void aSchemaFromANewerReleaseIsRefused() {
        String url = TestDatabase.embeddedUrl();
        try (TestDatabase database = TestDatabase.at(url, "sa").migrate()) {
            // What a newer release leaves behind: a migration this one does not have.
            database.jdbc().update("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", "
                    + "\"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                    + "VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'sa', 0, TRUE)");

            assertThatThrownBy(() -> start(url)).hasStackTraceContaining("Validate failed")
                    .hasStackTraceContaining("99");
        }
    }

    private static void start(String url) {
        new SpringApplicationBuilder(StockTickerApplication.class).profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + url).close();
    }
}
