ALTER TABLE `cases` ADD `purged_at` text;--> statement-breakpoint
CREATE INDEX `outbox_status_seq_idx` ON `outbox` (`status`,`seq`);