-- The ticket the evaluation pad asks about, kept across a restart of the station (src/station/pad.ts):
-- one row at most, cleared when rated, at sign-out, when someone else signs in, or past its expiry.
CREATE TABLE `pad_ticket` (
	`slot` integer PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`number` text NOT NULL,
	`window_code` text NOT NULL,
	`staff_id` text NOT NULL,
	`offered_at` text NOT NULL
);
