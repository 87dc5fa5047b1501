package com.stockticker.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.stockticker.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalLogTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));

    @Test
    void atMostSoManyLinesASecondAndTheNextLineSaysHowManyWereLeftOut() {
        Logger logger = (Logger) LoggerFactory.getLogger("refusal-log-test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        RefusalLog log = new RefusalLog(logger, 3, clock);

        for (int i = 0; i < 200; i++) {
            log.info("Refused {}", i);
        }
        clock.advance(Duration.ofSeconds(1));
        log.info("Refused {}", "later");

        List<String> written = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(written).containsExactly("Refused 0", "Refused 1", "Refused 2",
                "Refused later (197 similar lines left out before this one)");
    }
}
