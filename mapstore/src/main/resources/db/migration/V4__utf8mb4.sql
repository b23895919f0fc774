-- Text in any language: the tables were created in the server's default character set (latin1 on a fresh MariaDB),
-- where a product named outside Latin-1 could not be stored. utf8mb4_bin also compares ids as the grid does, case
-- and accents included: 'P1' and 'p1' are two products, not one row. The database's default follows, for tables
-- created later (Debezium's offsets and schema history).
ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE products CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE sales CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE stock_segments CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE carts CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
