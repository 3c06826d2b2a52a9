CREATE TABLE `calendar_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `catalog_entries` (
	`entity` text NOT NULL,
	`code` text NOT NULL,
	`data` text NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`entity`, `code`)
);
--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`number` text NOT NULL,
	`zone_code` text NOT NULL,
	`window_code` text,
	`status` text NOT NULL,
	`data` text NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tickets_day_status_idx` ON `tickets` (`day`,`status`);--> statement-breakpoint
CREATE TABLE `case_materials` (
	`case_id` text NOT NULL,
	`material_code` text NOT NULL,
	`receipt` text NOT NULL,
	`received_at` text,
	`due_date` text,
	PRIMARY KEY(`case_id`, `material_code`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`case_no` text NOT NULL,
	`window_code` text NOT NULL,
	`status` text NOT NULL,
	`applicant_name` text NOT NULL,
	`id_number` text NOT NULL,
	`id_number_masked` text NOT NULL,
	`accepted_day` text NOT NULL,
	`accepted_at` text NOT NULL,
	`promised_date` text NOT NULL,
	`data` text NOT NULL,
	`synced_at` text,
	`closed_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_no_idx` ON `cases` (`case_no`);--> statement-breakpoint
CREATE INDEX `cases_accepted_day_idx` ON `cases` (`accepted_day`);--> statement-breakpoint
CREATE TABLE `counters` (
	`window_code` text NOT NULL,
	`day` text NOT NULL,
	`serial` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`window_code`, `day`)
);
--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`notice_no` text NOT NULL,
	`document` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notices_case_idx` ON `notices` (`case_id`);--> statement-breakpoint
CREATE TABLE `print_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`reference` text NOT NULL,
	`case_id` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`document` text NOT NULL,
	`day` text NOT NULL,
	`created_at` text NOT NULL,
	`printed_at` text,
	`reprint_of` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `print_jobs_day_idx` ON `print_jobs` (`day`);--> statement-breakpoint
CREATE INDEX `print_jobs_case_idx` ON `print_jobs` (`case_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`args` text NOT NULL,
	`at` text NOT NULL,
	`staff_id` text NOT NULL,
	`case_id` text,
	`status` text NOT NULL,
	`code` text,
	`message` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_attempt_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_idx` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_case_idx` ON `outbox` (`case_id`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`trigger` text NOT NULL,
	`pushed` integer DEFAULT 0 NOT NULL,
	`applied` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`pulled` integer DEFAULT 0 NOT NULL,
	`cursor_from` integer NOT NULL,
	`cursor_to` integer NOT NULL,
	`error` text,
	`duration_ms` integer
);
--> statement-breakpoint
CREATE INDEX `sync_runs_started_idx` ON `sync_runs` (`started_at`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL,
	`last_success_at` text,
	`last_error` text,
	`offline_since` text,
	`catalog_version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`staff_id` text,
	`window_code` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`detail` text
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_verifiers` (
	`username` text PRIMARY KEY NOT NULL,
	`staff` text NOT NULL,
	`salt` text NOT NULL,
	`hash` text NOT NULL,
	`params` text NOT NULL,
	`updated_at` text NOT NULL
);
