-- Paper trading: accounts, their holdings and their orders. Plain SQL that H2 and PostgreSQL both run.
-- Money and prices are exact decimals; times are milliseconds since the epoch (UTC), as on the wire.

CREATE TABLE accounts (
    username      VARCHAR(64)    NOT NULL PRIMARY KEY,
    starting_cash NUMERIC(30, 8) NOT NULL,
    cash          NUMERIC(30, 8) NOT NULL
);

CREATE TABLE holdings (
    username     VARCHAR(64)    NOT NULL,
    symbol       VARCHAR(12)    NOT NULL,
    quantity     BIGINT         NOT NULL,
    average_cost NUMERIC(30, 8) NOT NULL,
    realized_pnl NUMERIC(30, 8) NOT NULL,
    PRIMARY KEY (username, symbol)
);

-- Every order a user placed and the server kept, including rejected ones. order_no is the number in the
-- orderId ("O-" + order_no). symbol and message are wide: a rejected order keeps whatever symbol it named.
CREATE TABLE orders (
    order_no        BIGINT         NOT NULL PRIMARY KEY,
    username        VARCHAR(64)    NOT NULL,
    client_order_id VARCHAR(64)    NOT NULL,
    symbol          VARCHAR(4096)  NOT NULL,
    side            VARCHAR(8)     NOT NULL,
    order_type      VARCHAR(8)     NOT NULL,
    quantity        BIGINT         NOT NULL,
    limit_price     NUMERIC(30, 8),
    status          VARCHAR(16)    NOT NULL,
    average_price   NUMERIC(30, 8),
    reason          VARCHAR(32),
    message         VARCHAR(8192),
    created_at      BIGINT         NOT NULL,
    updated_at      BIGINT         NOT NULL
);

CREATE INDEX orders_by_user ON orders (username, order_no);

-- Numbers that must never repeat (order numbers, market ticks): a restart continues above reserved_up_to.
CREATE TABLE sequences (
    name           VARCHAR(32) NOT NULL PRIMARY KEY,
    reserved_up_to BIGINT      NOT NULL
);
