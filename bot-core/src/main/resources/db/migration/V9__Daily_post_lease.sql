-- A claimed daily post is delivered by whoever holds its lease, so one Coach instance at a time
-- calls the platform for it, even with several instances on one database; an instance that dies
-- mid-delivery lets its lease run out and another delivers. lease_until is epoch milliseconds;
-- NULL means nobody has taken the post yet. After a failed attempt it holds the post until the
-- retry is due.
ALTER TABLE daily_posts ADD COLUMN lease_until BIGINT;
