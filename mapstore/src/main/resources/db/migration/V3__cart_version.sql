-- A cart's version (the same on each of its rows) and each line's place in it, so that a cart read back after a
-- restart is the cart that was written. Defaults keep rows written by other systems with the contract's columns
-- valid.
ALTER TABLE carts
    ADD COLUMN version BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN line    INT    NOT NULL DEFAULT 0;
