-- A payment reference pays one order: the grid looks a reference up here after a restart (PaymentRefStore).
CREATE INDEX orders_by_payment_ref ON orders (payment_ref);
