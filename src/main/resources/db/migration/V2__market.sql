-- The market continues after a restart: each instrument's latest quote, with the day's open, high, low and
-- volume, and its own sequence number.
CREATE TABLE quotes (
    symbol    VARCHAR(12)    NOT NULL PRIMARY KEY,
    price     NUMERIC(30, 8) NOT NULL,
    day_open  NUMERIC(30, 8) NOT NULL,
    day_high  NUMERIC(30, 8) NOT NULL,
    day_low   NUMERIC(30, 8) NOT NULL,
    volume    BIGINT         NOT NULL,
    seq       BIGINT         NOT NULL,
    tick_seq  BIGINT         NOT NULL,
    quoted_at BIGINT         NOT NULL
);
