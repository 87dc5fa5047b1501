package com.stockticker.storage;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Durable state ({@code ticker.storage.*}). Where the database is, is Spring Boot's {@code spring.datasource.url};
 * the default URL puts an embedded HSQLDB file database in {@link #dataDirectory()}.
 *
 * @param dataDirectory the directory of the embedded database's files ({@code ticker.script}, {@code ticker.log}, {@code ticker.data}, ...), relative to the working
 *     directory; used by the default {@code spring.datasource.url} only
 * @param maxBatch the most journal entries (an order, a cancel, a tick's fills) committed in one transaction
 * @param retryInterval how often the database is tried again after it failed
 */
@ConfigurationProperties("ticker.storage")
@Validated
public record StorageProperties(
        @DefaultValue("./data") @NotNull Path dataDirectory,
        @DefaultValue("2000") @Positive @Max(100_000) int maxBatch,
        @DefaultValue("1s") @NotNull Duration retryInterval) {
}
