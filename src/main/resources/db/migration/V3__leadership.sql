-- Which core is active. The row's epoch goes up by one each time a core becomes active; every commit of the
-- active core's journal checks it in the same transaction (the fence), so that a core that was replaced stores
-- nothing more, whatever it still believes. The lock that elects the core is PostgreSQL's advisory lock; this
-- row only says who won and since when, and names the market this database holds (set by the first core:
-- instances that follow a core tell a new market, whose clients must start afresh, from a core that took over).
CREATE TABLE core_leader (
    id        INT          NOT NULL PRIMARY KEY,
    epoch     BIGINT       NOT NULL,
    holder    VARCHAR(200),
    since     BIGINT,
    market    VARCHAR(36)
);

INSERT INTO core_leader (id, epoch, holder, since, market) VALUES (1, 0, NULL, NULL, NULL);
