/**
 * Which core is active: at most one at a time, chosen by a lock in the database, and the duties that only the
 * active core performs (the market, the desk, answering edges), taken over and stood down as one.
 *
 * <p>Its public face is {@link com.stockticker.leadership.CoreLeadership} and the interface the duties implement,
 * {@link com.stockticker.leadership.CoreDuty}: the market, the desk and the cluster depend on it, it on none of
 * them.
 */
@ApplicationModule(displayName = "Core leadership", allowedDependencies = { "storage", "roles" })
package com.stockticker.leadership;

import org.springframework.modulith.ApplicationModule;
