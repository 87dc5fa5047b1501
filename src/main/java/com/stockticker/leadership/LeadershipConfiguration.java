package com.stockticker.leadership;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.stockticker.roles.CoreRole;
import com.stockticker.storage.Journal;

/**
 * Only on a core: on PostgreSQL the cores elect the active one ({@link DatabaseElection}); on the embedded
 * database the core is the only one there can be ({@link SoleCore}).
 */
@Configuration(proxyBeanMethods = false)
@CoreRole
class LeadershipConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LeadershipConfiguration.class);

    /** What the duties read while they take over: it holds none of them, so that they can depend on it. */
    @Bean
    CoreLeadership coreLeadership(LeadershipProperties properties, MeterRegistry meters) {
        return new CoreLeadership(properties.instanceName(), meters);
    }

    @Bean
    Succession succession(CoreLeadership leadership, JdbcTemplate jdbc, TransactionTemplate transactions, Journal journal,
            List<CoreDuty> duties, Clock clock, MeterRegistry meters) {
        return new Succession(leadership, jdbc, transactions, journal, duties, clock, meters);
    }

    @Bean
    SmartLifecycle coreElection(Succession succession, JdbcConnectionDetails database, LeadershipProperties properties,
            Environment environment) {
        boolean cluster = environment.getProperty("ticker.cluster.enabled", Boolean.class, false);
        if (DatabaseDriver.fromJdbcUrl(database.getJdbcUrl()) == DatabaseDriver.POSTGRESQL) {
            return new DatabaseElection(succession, new AdvisoryLock(database, properties.lockTimeout(), properties.instanceName()),
                    properties.pollInterval(), cluster);
        }
        if (cluster) {
            log.warn("This core keeps its state in an embedded database, which no other core can share: it cannot have a "
                    + "standby, and nothing stops a second core on another database from trading too. Run exactly one core, "
                    + "or use PostgreSQL for failover (README.md, \"Failover\")");
        }
        return new SoleCore(succession);
    }

    @Bean
    LeadershipInfo leadershipInfo(CoreLeadership leadership, JdbcTemplate jdbc) {
        return new LeadershipInfo(leadership, jdbc);
    }
}
