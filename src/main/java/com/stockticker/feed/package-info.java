/**
 * The quote feed: turns the market's ticks into STOMP messages on {@code /topic/prices} and the candle topics, in
 * the lean format a subscription may ask for, answers snapshots, says how {@code /topic/prices} is resumed and runs
 * managed subscriptions ({@code /user/queue/quotes}, conflated to the rate a client asked for).
 *
 * <p>It listens to the market's events and sends through messaging; it knows nothing of trading or of how frames
 * reach the sockets. Its public face is the shapes of its messages ({@link com.stockticker.feed.LeanBatch},
 * {@link com.stockticker.feed.LeanQuote}, {@link com.stockticker.feed.ManagedQuotes},
 * {@link com.stockticker.feed.SubscriptionRequest}), which the web module documents, and its configuration record.
 */
@ApplicationModule(displayName = "Quote feed", allowedDependencies = { "errors", "market", "messaging" })
package com.stockticker.feed;

import org.springframework.modulith.ApplicationModule;
