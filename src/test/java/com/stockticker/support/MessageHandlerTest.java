package com.stockticker.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application without a web server (a mock servlet environment: no port, no socket), with the seeded,
 * fast-ticking market and the accounts of {@code application-test.yml} (a database and accounts of its own, apart
 * from the running server's), and {@link StompChannels} to talk STOMP to it through its
 * inbound and outbound channels. Every test class with this annotation shares one context, apart from the
 * running server's of {@link LiveServerTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// One order a second after the burst of 20: a burst of orders is rate-limited whatever the machine's speed.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = "ticker.trading.orders-per-second=1")
@ActiveProfiles("test")
@Import(StompChannels.class)
public @interface MessageHandlerTest {
}
