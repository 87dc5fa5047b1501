package com.stockticker.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import com.stockticker.trading.AccountProperties;

/**
 * The application's own HTTP security (users, HTTP Basic, which paths need a user or an operator, the login
 * throttle), for slice tests of other packages: its configuration is package-private, as it should be.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfig.class)
// A slice does not scan for configuration properties.
@EnableConfigurationProperties({ AccountProperties.class, LoginProperties.class })
public class HttpSecurityConfiguration {
}
