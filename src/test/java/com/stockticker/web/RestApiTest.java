package com.stockticker.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.stockticker.security.HttpSecurityConfiguration;

/**
 * The REST API without a server: Spring MVC with the API's controllers, its problem details, the page's language
 * resolution and the application's real HTTP security, driven by MockMvc. The market is a real {@code QuoteBook} at
 * the seeded market's opening; trading is {@link StubTrading}. Every test class with this annotation shares one
 * context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// The STOMP side's advice (messaging) is a @ControllerAdvice too, for message handlers: not part of the REST API.
@WebMvcTest(controllers = { QuoteApiController.class, TradingApiController.class },
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "com\\.stockticker\\.messaging\\..*"))
@ActiveProfiles("test")
// Boot's scheduler builder, which the login throttle's scheduler is built with: a web slice leaves it out.
@ImportAutoConfiguration(TaskSchedulingAutoConfiguration.class)
@Import({ RestApiTestConfiguration.class, HttpSecurityConfiguration.class })
public @interface RestApiTest {
}
