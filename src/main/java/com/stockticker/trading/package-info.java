/**
 * Paper trading: the desk (orders, matching on ticks, cash and positions per account, each under its own lock,
 * kept in the journal), the order parser, and the STOMP adapters that take orders and tell sessions what happened.
 *
 * <p>Its public face is {@link com.stockticker.trading.TradingService} (the desk on the core; the cluster provides
 * the core through RabbitMQ on an edge), the requests and answers it takes and gives, and the events it publishes
 * once the journal has committed them ({@link com.stockticker.trading.OrderUpdated},
 * {@link com.stockticker.trading.PortfolioUpdated}). The desk itself, accounts and orders are its own. It reads the
 * market's ticks as events and knows nothing of the cluster, the web pages or how frames reach the sockets.
 */
@ApplicationModule(displayName = "Paper trading",
        allowedDependencies = { "errors", "market", "messaging", "storage", "leadership", "roles" })
package com.stockticker.trading;

import org.springframework.modulith.ApplicationModule;
