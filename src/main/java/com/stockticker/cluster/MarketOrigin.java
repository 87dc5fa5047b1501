package com.stockticker.cluster;

/**
 * Which core a market batch or state comes from: the market (one per database: a core on an empty database
 * starts a new one), the epoch of the core that was active when it was published (it goes up with every
 * takeover), and that core's instance name, for people to read. A batch of an older epoch comes from a core
 * that was replaced, and is never followed.
 */
record MarketOrigin(String market, long epoch, String core) {
}
