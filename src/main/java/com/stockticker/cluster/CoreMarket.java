package com.stockticker.cluster;

import com.stockticker.market.MarketState;

/** The active core's answer to an instance that asks for the market's state: the state, and where it comes from. */
record CoreMarket(MarketOrigin origin, MarketState state) {
}
