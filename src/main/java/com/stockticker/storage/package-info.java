/**
 * Durable state: the journal that commits every change in batches and releases each change's events only after
 * the commit ({@link com.stockticker.storage.Journal}, fenced by the active core's epoch), sequences reserved ahead
 * ({@link com.stockticker.storage.ReservedSequence}), and the Flyway migrations under {@code db/migration}.
 *
 * <p>It depends on no other module: the market and the desk hand it their changes.
 */
@ApplicationModule(displayName = "Storage", allowedDependencies = {})
package com.stockticker.storage;

import org.springframework.modulith.ApplicationModule;
