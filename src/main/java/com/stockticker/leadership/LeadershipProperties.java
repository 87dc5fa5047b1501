package com.stockticker.leadership;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How cores elect the active one ({@code ticker.leadership.*}), on PostgreSQL (README.md, "Failover").
 *
 * @param instanceName how this instance is named in the database, in Actuator and on the dashboard; by default
 *     the host name and the process id
 * @param pollInterval how often a standby tries the lock, and the active core checks that it still holds it
 * @param lockTimeout how long the active core waits for the database to answer that check before it stands
 *     down; shorter than the time PostgreSQL takes to notice a vanished holder (about 7 s, see
 *     {@link AdvisoryLock}), so that the old core has stopped before a standby can take over
 */
@ConfigurationProperties("ticker.leadership")
@Validated
record LeadershipProperties(
        String instanceName,
        @DefaultValue("500ms") @NotNull Duration pollInterval,
        @DefaultValue("2s") @NotNull Duration lockTimeout) {

    public LeadershipProperties {
        if (instanceName == null || instanceName.isBlank()) {
            instanceName = ProcessHandle.current().pid() + "@" + hostName();
        }
    }

    @AssertTrue(message = "ticker.leadership.poll-interval must be between 100ms and 2s, and lock-timeout between 1s and 3s: "
            + "together they must stay under the 7 s in which PostgreSQL lets a vanished core's lock go")
    public boolean isTimingSafe() {
        return pollInterval == null || lockTimeout == null
                || (pollInterval.compareTo(Duration.ofMillis(100)) >= 0 && pollInterval.compareTo(Duration.ofSeconds(2)) <= 0
                        && lockTimeout.compareTo(Duration.ofSeconds(1)) >= 0 && lockTimeout.compareTo(Duration.ofSeconds(3)) <= 0);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "localhost";
        }
    }
}
