package com.stockticker.trading;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static com.stockticker.support.StartupFailures.assertStartupFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

/** Account mistakes stop the start-up with a message that names them. */
class AccountPropertiesTest {

    private static final String HASH = "{bcrypt}$2a$10$8J3Y7zp.FIK8HhN/zXZQ.ewNIQNlcrPpiGt6fGiCsDnjR4JWDxBBW";

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Properties.class);

    @Test
    void bindsAccountsWithDefaultCash() {
        context.withPropertyValues("ticker.accounts[0].username=carol", "ticker.accounts[0].password=" + HASH)
                .run(started -> assertThat(started.getBean(AccountProperties.class).accounts().get(0).startingCash())
                        .isEqualByComparingTo("100000"));
    }

    @Test
    void refusesPlainPasswords() {
        assertStartupFailsWith(context, "password", "ticker.accounts[0].username=carol", "ticker.accounts[0].password={noop}secret");
        assertStartupFailsWith(context, "password", "ticker.accounts[0].username=carol", "ticker.accounts[0].password=secret");
    }

    @Test
    void refusesDuplicateUsernames() {
        assertStartupFailsWith(context, "usernamesUnique", "ticker.accounts[0].username=carol", "ticker.accounts[0].password=" + HASH,
                "ticker.accounts[1].username=carol", "ticker.accounts[1].password=" + HASH);
    }


    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AccountProperties.class)
    static class Properties {
    }
}
