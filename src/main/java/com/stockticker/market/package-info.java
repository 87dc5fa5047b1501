/**
 * The market: instruments, the seeded price model, the latest quotes with their history and candles
 * ({@link com.stockticker.market.QuoteBook}), and the thread that ticks on the active core
 * ({@link com.stockticker.market.MarketTicker}). Each tick is published as an application event, a
 * {@link com.stockticker.market.QuoteBatch} and then a {@link com.stockticker.market.CandleUpdate}, so that the
 * market knows nothing of who reacts to it: the feed, the desk, readiness and the cluster listen.
 *
 * <p>Its public face is its values (quotes, candles, instruments, the market's state), the book that other modules
 * read, its two configuration records and its two "unknown" exceptions. The simulator, the candle book and the
 * store are its own.
 */
@ApplicationModule(displayName = "Market", allowedDependencies = { "errors", "storage", "leadership", "roles" })
package com.stockticker.market;

import org.springframework.modulith.ApplicationModule;
