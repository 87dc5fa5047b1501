package com.stockticker.market;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import com.stockticker.storage.Change;
import com.stockticker.storage.Entry;
import com.stockticker.storage.Journal;
import com.stockticker.storage.ReservedSequence;
import com.stockticker.storage.Table;
import com.stockticker.storage.Table.Column;

/**
 * Keeps the market across restarts (see {@code db/migration/V2__market.sql}): every instrument's latest quote,
 * written through the {@link Journal} after each tick, and the reserved tick numbers, so that a restart goes on
 * from the stored prices, day range and volume with ticks numbered above any published before. A crash loses
 * at most the ticks that were not committed yet (the journal commits within milliseconds).
 */
class MarketStore {

    /** Ticks reserved at a time: 250 s of the default 250 ms market; a restart's tick numbers jump by at most this. */
    static final long TICK_BLOCK = 1_000;

    private static final Table QUOTES = new Table("quotes", 1, List.of(new Column("symbol", Types.VARCHAR),
            new Column("price", Types.NUMERIC), new Column("day_open", Types.NUMERIC), new Column("day_high", Types.NUMERIC),
            new Column("day_low", Types.NUMERIC), new Column("volume", Types.BIGINT), new Column("seq", Types.BIGINT),
            new Column("tick_seq", Types.BIGINT), new Column("quoted_at", Types.BIGINT)));

    private final JdbcTemplate jdbc;
    private final Journal journal;

    MarketStore(JdbcTemplate jdbc, Journal journal) {
        this.jdbc = jdbc;
        this.journal = journal;
    }

    /** The tick numbers from here on, above every one handed out before; for the active core only. */
    ReservedSequence reserveTicks() {
        return ReservedSequence.open(jdbc, journal, "tick", TICK_BLOCK);
    }

    /** The last stored quote of each instrument, by symbol: price, day range, volume and sequence numbers. */
    Map<String, Quote> stored() {
        Map<String, Quote> quotes = new HashMap<>();
        jdbc.query("SELECT symbol, price, day_open, day_high, day_low, volume, seq, tick_seq, quoted_at FROM quotes", row -> {
            BigDecimal price = row.getBigDecimal("price");
            quotes.put(row.getString("symbol"), new Quote(row.getString("symbol"), null, price, null, null,
                    row.getBigDecimal("day_open"), row.getBigDecimal("day_high"), row.getBigDecimal("day_low"), null, null, null,
                    row.getLong("volume"), row.getLong("seq"), row.getLong("tick_seq"), Instant.ofEpochMilli(row.getLong("quoted_at"))));
        });
        return quotes;
    }

    /** Stores the opening quote of every instrument that the database has none of yet (a new database, a new instrument). */
    void open(QuoteBatch opening) {
        Map<String, Quote> known = stored();
        opening.quotes().stream().filter(quote -> !known.containsKey(quote.symbol()))
                .forEach(quote -> jdbc.update(QUOTES.insertSql(), row(quote)));
    }

    /** Before the tick is published, so that a client that saw a tick and then got an order event knows the tick is stored. */
    void ticked(QuoteBatch tick) {
        if (journal.available() && !tick.quotes().isEmpty()) {
            journal.append(new Entry(null, tick.quotes().stream().<Change>map(quote -> new Change.Update(QUOTES, row(quote))).toList(),
                    () -> { }, () -> { }));
        }
    }

    private static Object[] row(Quote quote) {
        return new Object[] { quote.symbol(), quote.price(), quote.open(), quote.high(), quote.low(), quote.volume(), quote.seq(),
                quote.tickSeq(), quote.timestamp().toEpochMilli() };
    }
}
