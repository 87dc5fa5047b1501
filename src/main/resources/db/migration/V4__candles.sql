-- Candles continue after a restart: each instrument's recent OHLCV bars at each interval, the one in progress
-- included (closed = FALSE). The active core writes them through its journal after every tick and deletes the
-- bars older than what it keeps (ticker.candles.history). Prices are exact decimals, times milliseconds since the
-- epoch (UTC), as elsewhere.
CREATE TABLE candles (
    symbol        VARCHAR(12)    NOT NULL,
    interval_name VARCHAR(8)     NOT NULL,
    start_at      BIGINT         NOT NULL,
    end_at        BIGINT         NOT NULL,
    open_price    NUMERIC(30, 8) NOT NULL,
    high_price    NUMERIC(30, 8) NOT NULL,
    low_price     NUMERIC(30, 8) NOT NULL,
    close_price   NUMERIC(30, 8) NOT NULL,
    volume        BIGINT         NOT NULL,
    closed        BOOLEAN        NOT NULL,
    -- Interval and start first: the pruning deletes an interval's bars before a start, for every symbol at once.
    PRIMARY KEY (interval_name, start_at, symbol)
);
