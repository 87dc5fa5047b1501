/**
 * Logging in the accounts trading keeps ({@link com.stockticker.trading.AccountProperties}, with their password
 * hashes and operators): the login page's and the STOMP CONNECT's authentication, CSRF on browser CONNECTs, login throttling, which frames need a user, and TLS's additions to
 * Spring Boot's SSL bundles.
 */
@ApplicationModule(displayName = "Security")
package com.stockticker.security;

import org.springframework.modulith.ApplicationModule;
