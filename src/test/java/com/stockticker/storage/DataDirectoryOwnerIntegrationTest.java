package com.stockticker.storage;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.stockticker.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One service owns an embedded database. A second one started on the same data directory (a second
 * {@code spring-boot:run}, a container started twice on one volume) must stop at start-up and say why, not
 * write into the first one's files; the first goes on serving.
 */
class DataDirectoryOwnerIntegrationTest {

    @TempDir
    Path data;

    @Test
    void aSecondServiceOnTheSameDataDirectoryStopsAndTheFirstGoesOn() throws Exception {
        try (ServiceProcess owner = ServiceProcess.start("--ticker.storage.data-directory=" + data).awaitReady();
                ServiceProcess second = ServiceProcess.start("--ticker.storage.data-directory=" + data)) {
            // A bound on a failure, not a speed (see ServiceProcess): the second one exits by itself.
            assertThat(second.process().waitFor(3, TimeUnit.MINUTES)).as("the second service exited").isTrue();
            second.awaitOutput();

            assertThat(second.process().exitValue()).isNotZero();
            assertThat(second.output()).contains("Database lock acquisition failure");
            assertThat(owner.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        }
    }
}
