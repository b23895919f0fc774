-- The expiry sweep after a full cluster restart looks for accepted orders past their payment window and for
-- cancelled or expired orders whose units are still allocated: by status, then creation time.
CREATE INDEX orders_by_status_created ON orders (status, created_at);
