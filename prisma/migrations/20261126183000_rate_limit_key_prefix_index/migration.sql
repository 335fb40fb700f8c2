-- The sign-in throttle finds every per-address counter of one typed name with LIKE 'prefix%'
-- (lib/auth/sign-in-throttle.ts). The primary key's btree uses the database's collation, which
-- serves LIKE only under "C": a district's own PostgreSQL usually has another, and every such
-- lookup would scan the table that sprayed sign-ins can grow. text_pattern_ops serves it under any.
CREATE INDEX "RateLimitBucket_key_prefix_idx" ON "RateLimitBucket" ("key" text_pattern_ops);
