/**
 * How frames reach the sockets: the broker of {@code /topic/**} that encodes a message once per format and appends
 * it to every subscriber's outbox, the outboxes that never make a sender wait and close a client that stops
 * reading, and the window that resumes a resumable topic.
 */
@ApplicationModule(displayName = "Delivery")
package com.stockticker.delivery;

import org.springframework.modulith.ApplicationModule;
