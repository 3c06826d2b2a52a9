-- Windows' paused time split by the pause's reason (issue 19; src/domain/window-pause.ts: the hall's
-- own reasons 午休 / 会议 / 业务咨询 / 设备故障, anything typed as 其他). They add up to paused_seconds.
ALTER TABLE "report_window_daily" ADD COLUMN "paused_lunch_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_window_daily" ADD COLUMN "paused_meeting_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_window_daily" ADD COLUMN "paused_consult_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_window_daily" ADD COLUMN "paused_fault_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_window_daily" ADD COLUMN "paused_other_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The aggregates are a cache: forget how far they were read so the next report read recounts every
-- day the change log names, now with the reasons (a day's paused time is never left unsplit).
DELETE FROM "report_refresh";
