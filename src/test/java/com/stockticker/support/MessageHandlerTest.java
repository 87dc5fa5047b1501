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
 * fast-ticking market and the accounts of {@code application-test.yml}, and {@link StompChannels} to talk STOMP to
 * it through its inbound and outbound channels. Every test class with this annotation shares one context, with a
 * database of its own: apart from the running server of {@link LiveServerTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// One order message a second after the burst of 20, so that a burst of them is rate-limited however slow the machine.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = "ticker.trading.orders-per-second=1")
@ActiveProfiles("test")
@Import(StompChannels.class)
public @interface MessageHandlerTest {
}
