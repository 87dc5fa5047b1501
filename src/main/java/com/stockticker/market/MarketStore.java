package com.stockticker.market;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    private static final Table CANDLES = new Table("candles", 3, List.of(new Column("symbol", Types.VARCHAR),
            new Column("interval_name", Types.VARCHAR), new Column("start_at", Types.BIGINT), new Column("end_at", Types.BIGINT),
            new Column("open_price", Types.NUMERIC), new Column("high_price", Types.NUMERIC), new Column("low_price", Types.NUMERIC),
            new Column("close_price", Types.NUMERIC), new Column("volume", Types.BIGINT), new Column("closed", Types.BOOLEAN)));

    private final JdbcTemplate jdbc;
    private final Journal journal;
    private final int candleHistory;
    /** The start of the last bar stored in each series ({@code symbol/interval}): a later bar is a new row. */
    private final Map<String, Instant> storedBars = new HashMap<>();

    MarketStore(JdbcTemplate jdbc, Journal journal, int candleHistory) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.candleHistory = candleHistory;
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

    /** Every stored bar, by series, oldest first; what the market continues its candles with. */
    List<CandleHistory> storedCandles() {
        Map<String, List<Candle>> bySeries = new LinkedHashMap<>();
        jdbc.query("SELECT symbol, interval_name, start_at, end_at, open_price, high_price, low_price, close_price, volume, closed "
                + "FROM candles ORDER BY symbol, interval_name, start_at", row -> {
            Candle bar = new Candle(row.getString("symbol"), row.getString("interval_name"), row.getBigDecimal("open_price"),
                    row.getBigDecimal("high_price"), row.getBigDecimal("low_price"), row.getBigDecimal("close_price"),
                    row.getLong("volume"), Instant.ofEpochMilli(row.getLong("start_at")), Instant.ofEpochMilli(row.getLong("end_at")),
                    row.getBoolean("closed"));
            bySeries.computeIfAbsent(series(bar), key -> new ArrayList<>()).add(bar);
        });
        storedBars.clear();
        bySeries.forEach((series, bars) -> storedBars.put(series, bars.get(bars.size() - 1).start()));
        return bySeries.values().stream().map(bars -> new CandleHistory(bars.get(0).symbol(), bars.get(0).interval(), bars)).toList();
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

    /**
     * After the tick's own entry: the bars it changed, each row with its latest values, and, for every interval in
     * which a bar closed, the deletion of the bars beyond what is kept.
     */
    void candled(List<Candle> changed) {
        if (!journal.available() || changed.isEmpty()) {
            return;
        }
        List<Change> changes = new ArrayList<>();
        Map<String, Instant> prunes = new LinkedHashMap<>();
        for (Candle bar : changed) {
            Object[] row = { bar.symbol(), bar.interval(), bar.start().toEpochMilli(), bar.end().toEpochMilli(), bar.open(),
                    bar.high(), bar.low(), bar.close(), bar.volume(), bar.closed() };
            boolean stored = bar.start().equals(storedBars.put(series(bar), bar.start()));
            changes.add(stored ? new Change.Update(CANDLES, row) : new Change.Insert(CANDLES, row));
            if (bar.closed()) {
                Duration length = Duration.between(bar.start(), bar.end());
                prunes.merge(bar.interval(), bar.start().minus(length.multipliedBy(candleHistory)), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        prunes.forEach((interval, before) -> changes.add(new Change.Statement(
                "DELETE FROM candles WHERE interval_name = ? AND start_at < ?", interval, before.toEpochMilli())));
        journal.append(new Entry(null, changes, () -> { }, () -> { }));
    }

    private static String series(Candle bar) {
        return bar.symbol() + "/" + bar.interval();
    }

    private static Object[] row(Quote quote) {
        return new Object[] { quote.symbol(), quote.price(), quote.open(), quote.high(), quote.low(), quote.volume(), quote.seq(),
                quote.tickSeq(), quote.timestamp().toEpochMilli() };
    }
}
