package com.stockticker.support;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Configuration mistakes must stop the start-up with a message that names the setting. */
public final class StartupFailures {

    private StartupFailures() {
    }

    public static void assertStartupFailsWith(ApplicationContextRunner context, String setting, String... properties) {
        context.withPropertyValues(properties).run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause().hasMessageContaining(setting);
        });
    }
}
