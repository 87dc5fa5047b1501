/**
 * Operations: the readiness contributors (broker, market), metrics of connections and messages, and the graceful
 * disconnect on shutdown.
 */
@ApplicationModule(displayName = "Operations")
package com.stockticker.ops;

import org.springframework.modulith.ApplicationModule;
