/**
 * The STOMP and WebSocket configuration, the destinations' names ({@link com.stockticker.messaging.Destinations}),
 * the guard that keeps clients to their destinations, and how refusals reach a client: on {@code /user/queue/errors}
 * as a {@link com.stockticker.messaging.ClientError} with one of the codes of
 * {@link com.stockticker.errors.ErrorCode}, or as an ERROR frame. The feature modules send through it.
 */
@ApplicationModule(displayName = "STOMP messaging")
package com.stockticker.messaging;

import org.springframework.modulith.ApplicationModule;
