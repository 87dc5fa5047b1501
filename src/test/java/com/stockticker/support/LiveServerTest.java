package com.stockticker.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, with the seeded, fast-ticking market of {@code application-test.yml}.
 * Every class so annotated shares one server (Spring's test context cache): a class that needs more of it adds
 * it here rather than on itself, since a class of its own configuration would start, and keep, a second server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(SessionDropper.class)
public @interface LiveServerTest {
}
