package com.stockticker.leadership;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.stockticker.storage.Journal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leadership module with what it depends on (storage, roles) and two duties of the test's own in place of the
 * desk and the market: on the embedded database the core is the only one there can be, so it becomes the active
 * core at start-up, in the epoch it raised, with its journal open, and has its duties take over in their order.
 * How a core stands down, by the journal's fence or an election, is {@link CoreLeadershipTest}'s and
 * {@code FailoverIntegrationTest}'s.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
@DirtiesContext
class LeadershipModuleTest {

    @Autowired
    CoreLeadership leadership;

    @Autowired
    Journal journal;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Duties duties;

    @Test
    void theSoleCoreIsActiveFromStartUpInTheEpochItRaisedAndItsDutiesTookOverInOrder() {
        // A new database: the first takeover on it raises the epoch from 0 to 1 and names its market.
        assertThat(duties.log).containsExactly("trading took over in epoch 1, journal open", "market took over in epoch 1, journal open");
        assertThat(leadership.market()).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT holder FROM core_leader WHERE id = 1", String.class)).isEqualTo(leadership.instance());
        assertThat(jdbc.queryForObject("SELECT market FROM core_leader WHERE id = 1", String.class)).isEqualTo(leadership.market());
        assertThat(leadership.active()).isTrue();
        assertThat(leadership.since()).isNotNull();
        assertThat(leadership.epoch()).isEqualTo(epoch()).isEqualTo(1);
        assertThat(journal.available()).isTrue();
    }

    private long epoch() {
        return jdbc.queryForObject("SELECT epoch FROM core_leader WHERE id = 1", Long.class);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestDuties {

        /** The market module's clock in the application. */
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        Duties duties() {
            return new Duties();
        }

        // Declared out of their order: the succession orders them.
        @Bean
        CoreDuty marketDuty(Duties duties, CoreLeadership leadership, Journal journal) {
            return new RecordingDuty("market", CoreDuty.MARKET, duties, leadership, journal);
        }

        @Bean
        CoreDuty tradingDuty(Duties duties, CoreLeadership leadership, Journal journal) {
            return new RecordingDuty("trading", CoreDuty.TRADING, duties, leadership, journal);
        }
    }

    /** What the duties were told, in order; the only duties there are (no desk, no market). */
    static class Duties {

        final List<String> log = new CopyOnWriteArrayList<>();
    }

    /** Notes when it takes over the epoch it reads then, as the market does, and whether the journal takes changes. */
    record RecordingDuty(String name, int order, Duties duties, CoreLeadership leadership, Journal journal) implements CoreDuty {

        @Override
        public void takeOver() {
            duties.log.add(name + " took over in epoch " + leadership.epoch() + ", journal " + (journal.available() ? "open" : "closed"));
        }

        @Override
        public void standDown() {
            duties.log.add(name + " stood down");
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}
