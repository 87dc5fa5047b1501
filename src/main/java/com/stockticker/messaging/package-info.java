/**
 * The STOMP and WebSocket configuration, the destinations' names ({@link com.stockticker.messaging.Destinations}),
 * the guard that keeps clients to their destinations, and the error vocabulary clients hear
 * ({@link com.stockticker.messaging.ErrorCode}). The feature modules send through it and name their errors with it.
 */
@ApplicationModule(displayName = "STOMP messaging")
package com.stockticker.messaging;

import org.springframework.modulith.ApplicationModule;
