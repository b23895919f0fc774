-- The system of record. Table and column names of the contract (API.md) are read by other systems; added columns
-- carry defaults so that a row written with only the contract's columns is valid. No foreign keys: write-behind
-- stores maps independently, so an order row may arrive before the stock row of its segment.

CREATE TABLE products (
    product_id  VARCHAR(64)    NOT NULL PRIMARY KEY,
    name        VARCHAR(255)   NOT NULL,
    description TEXT           NULL,
    price       DECIMAL(12, 2) NOT NULL,
    updated_at  DATETIME(3)    NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);

CREATE TABLE sales (
    sale_id        VARCHAR(64) NOT NULL PRIMARY KEY,
    product_id     VARCHAR(64) NOT NULL,
    stock          INT         NOT NULL,
    segments       INT         NOT NULL DEFAULT 10,
    per_user_limit INT         NOT NULL DEFAULT 1,
    starts_at      DATETIME(3) NOT NULL,
    ends_at        DATETIME(3) NOT NULL
);

CREATE TABLE stock_segments (
    sale_id    VARCHAR(64) NOT NULL,
    segment    INT         NOT NULL,
    remaining  INT         NOT NULL,
    sold       INT         NOT NULL DEFAULT 0,
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (sale_id, segment)
);

CREATE TABLE orders (
    order_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    sale_id     VARCHAR(64)  NOT NULL,
    user_id     VARCHAR(64)  NOT NULL,
    quantity    INT          NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    created_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    request_id  VARCHAR(64)  NULL     DEFAULT NULL,
    allocation  VARCHAR(255) NULL     DEFAULT NULL,
    payment_ref VARCHAR(64)  NULL     DEFAULT NULL,
    updated_at  DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    KEY orders_by_sale_status (sale_id, status),
    KEY orders_by_sale_user (sale_id, user_id)
);

CREATE TABLE carts (
    user_id    VARCHAR(64) NOT NULL,
    product_id VARCHAR(64) NOT NULL,
    quantity   INT         NOT NULL,
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (user_id, product_id)
);
