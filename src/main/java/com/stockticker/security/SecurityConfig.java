package com.stockticker.security;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.messaging.Message;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import com.stockticker.messaging.Destinations;
import com.stockticker.trading.AccountProperties;

/**
 * Who may do what. Watching prices needs no account, over HTTP or STOMP; trading needs an authenticated
 * user: browsers log in with a form and the HTTP session, other clients send {@code login} and
 * {@code passcode} on STOMP CONNECT (or HTTP Basic for the REST mirrors).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** The login form's page, and where it posts. */
    static final String LOGIN_PAGE = "/login";
    /** The role of {@link AccountProperties#operators()}; every account has the role {@code TRADER}. */
    static final String OPERATOR = "OPERATOR";

    @Bean
    SecurityFilterChain httpSecurity(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher("/api/portfolio"), paths.matcher("/api/orders"),
                                paths.matcher("/api/account/**")).authenticated()
                        .requestMatchers(paths.matcher("/api/accounts/**")).hasRole(OPERATOR)
                        // The API's documentation is public, said here so that it stays so if the default changes.
                        .requestMatchers(paths.matcher("/v3/api-docs"), paths.matcher("/v3/api-docs/**"),
                                paths.matcher("/swagger-ui.html"), paths.matcher("/swagger-ui/**")).permitAll()
                        // And the STOMP API's (AsyncAPI: the document as JSON and YAML, and its page).
                        .requestMatchers(paths.matcher("/asyncapi"), paths.matcher("/asyncapi.json"),
                                paths.matcher("/asyncapi.yaml")).permitAll()
                        .anyRequest().permitAll())
                .formLogin(form -> form.loginPage(LOGIN_PAGE).permitAll().failureHandler(LoginFailures.formFailures()))
                .logout(logout -> logout.logoutSuccessUrl("/"))
                .httpBasic(basic -> basic.authenticationEntryPoint(LoginFailures.basicEntryPoint()))
                // An API client that is not logged in gets 401, not a redirect to the login page.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), paths.matcher("/api/**")))
                // SockJS's HTTP transports POST frames without a CSRF token; the STOMP CONNECT that opens a
                // browser's trading session carries the token instead (see BrowserCsrfInterceptor).
                // An API client that sends its credentials itself (HTTP Basic) cannot be made to POST by another site:
                // browsers log in with the form, and a 401 here asks them for no Basic credentials to remember.
                .csrf(csrf -> csrf.ignoringRequestMatchers(paths.matcher(Destinations.SOCKJS_ENDPOINT + "/**"),
                        request -> request.getRequestURI().startsWith("/api/") && request.getHeader("Authorization") != null))
                // SockJS's iframe transport needs same-origin framing.
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager users(AccountProperties properties) {
        return new InMemoryUserDetailsManager(properties.accounts().stream()
                .map(account -> User.withUsername(account.username()).password(account.password())
                        .roles(properties.operators().contains(account.username())
                                ? new String[] { "TRADER", OPERATOR } : new String[] { "TRADER" })
                        .build())
                .toList());
    }

    /**
     * The one password check, throttled: as the only {@link AuthenticationProvider} bean, Spring Security uses
     * it for the login form and HTTP Basic, and STOMP CONNECT uses it through {@link #stompAuthenticationManager}.
     */
    @Bean
    AuthenticationProvider throttledAuthentication(UserDetailsService users, PasswordEncoder passwordEncoder,
            LoginProperties limits, LoginBackoff loginBackoff, MeterRegistry meters) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledAuthentication(passwords, loginBackoff, limits, meters);
    }

    @Bean
    LoginBackoff loginBackoff(LoginProperties limits, Clock clock) {
        return new LoginBackoff(limits, clock);
    }

    /** In front of Spring Security's filters: a throttled HTTP login is refused before them, and late. */
    @Bean
    FilterRegistrationBean<ThrottledLoginFilter> throttledLoginFilter(LoginBackoff loginBackoff, LoginProperties limits,
            MeterRegistry meters, ThreadPoolTaskScheduler loginRefusals) {
        FilterRegistrationBean<ThrottledLoginFilter> registration =
                new FilterRegistrationBean<>(new ThrottledLoginFilter(loginBackoff, limits, meters, loginRefusals));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /** The thread on which refused HTTP logins wait for their answer; a bean built with Boot's builder, so that it has metrics. */
    @Bean
    ThreadPoolTaskScheduler loginRefusals(ThreadPoolTaskSchedulerBuilder builder) {
        ThreadPoolTaskScheduler scheduler = builder.threadNamePrefix("login-refusals-").poolSize(1).build();
        // Until the bean is destroyed, as when the filter made it itself: logins are refused until the server stops.
        scheduler.setAcceptTasksAfterContextClose(true);
        return scheduler;
    }

    /** Checks STOMP CONNECT's login and passcode as the login page does. */
    @Bean
    AuthenticationManager stompAuthenticationManager(AuthenticationProvider throttledAuthentication) {
        return new ProviderManager(throttledAuthentication);
    }

    /** Which STOMP frames need an authenticated user; everything else is open, within the destination guard. */
    @Bean
    AuthorizationManager<Message<?>> messageAuthorization() {
        return MessageMatcherDelegatingAuthorizationManager.builder()
                .simpDestMatchers(Destinations.APP_PREFIX + Destinations.ORDERS, Destinations.APP_PREFIX + Destinations.ORDERS + "/**",
                        Destinations.APP_PREFIX + Destinations.ACCOUNT_RESET).authenticated()
                .simpSubscribeDestMatchers(Destinations.USER_PREFIX + Destinations.USER_ORDERS,
                        Destinations.USER_PREFIX + Destinations.USER_PORTFOLIO,
                        Destinations.APP_PREFIX + Destinations.PORTFOLIO).authenticated()
                .anyMessage().permitAll()
                .build();
    }
}
