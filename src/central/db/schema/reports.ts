import { bigint, date, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Daily aggregates behind the reports (reports/aggregates.ts), one row per (day, hour, zone, window,
 * clerk, matter[, channel]). They are a cache: the raw rows (ticket_events, tickets, cases,
 * case_events) stay the truth, and a day is recounted from them whole whenever the change log says
 * something of that day changed. Empty string where a dimension is unknown (a kiosk ticket has no
 * window), so the key can be a primary key. Durations are kept as their samples (seconds) so
 * medians and 90th percentiles over any range are exact.
 */
const key = {
  day: date('day', { mode: 'string' }).notNull(),
  hour: smallint('hour').notNull(),
  zoneCode: text('zone_code').notNull(),
  windowCode: text('window_code').notNull(),
  staffId: text('staff_id').notNull(),
  matterCode: text('matter_code').notNull(),
};

export const reportQueueDaily = pgTable(
  'report_queue_daily',
  {
    ...key,
    issued: integer('issued').notNull(),
    called: integer('called').notNull(),
    served: integer('served').notNull(),
    noShow: integer('no_show').notNull(),
    cancelled: integer('cancelled').notNull(),
    transferred: integer('transferred').notNull(),
    waitSeconds: integer('wait_seconds').array().notNull(),
    serviceSeconds: integer('service_seconds').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.hour, t.zoneCode, t.windowCode, t.staffId, t.matterCode] })],
);

/** Cases by the day they were taken in (the cohort): what became of them, counted as of now. */
export const reportCaseDaily = pgTable(
  'report_case_daily',
  {
    ...key,
    channel: text('channel').notNull(),
    received: integer('received').notNull(),
    accepted: integer('accepted').notNull(),
    acceptedDeferred: integer('accepted_deferred').notNull(),
    deferredOnTime: integer('deferred_on_time').notNull(),
    corrections: integer('corrections').notNull(),
    rejections: integer('rejections').notNull(),
    decided: integer('decided').notNull(),
    decidedOnTime: integer('decided_on_time').notNull(),
    delivered: integer('delivered').notNull(),
    /** Promised dates of the cases still open: overdue is counted against the day the report is read. */
    openPromised: date('open_promised', { mode: 'string' }).array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.hour, t.zoneCode, t.windowCode, t.staffId, t.matterCode, t.channel] })],
);

/** Ratings (好差评) by the day they were given. */
export const reportRatingDaily = pgTable(
  'report_rating_daily',
  {
    ...key,
    channel: text('channel').notNull(),
    rated: integer('rated').notNull(),
    good: integer('good').notNull(),
    bad: integer('bad').notNull(),
    /** Bad ratings' follow-ups (migration 0015): open, closed, and each open one's next deadline (overdue after it). */
    followUpOpen: integer('follow_up_open').notNull().default(0),
    followUpClosed: integer('follow_up_closed').notNull().default(0),
    followUpDue: date('follow_up_due', { mode: 'string' }).array().notNull().default(sql`'{}'`),
  },
  (t) => [primaryKey({ columns: [t.day, t.hour, t.zoneCode, t.windowCode, t.staffId, t.matterCode, t.channel] })],
);

/** How far the aggregates have read the change log (its seq is commit order, so nothing is skipped). */
export const reportRefresh = pgTable('report_refresh', {
  name: text('name').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
});

/** Windows' time per day and clerk (migration 0015): open = serving + paused + idle, in seconds. */
export const reportWindowDaily = pgTable(
  'report_window_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    zoneCode: text('zone_code').notNull(),
    windowCode: text('window_code').notNull(),
    staffId: text('staff_id').notNull(),
    openSeconds: integer('open_seconds').notNull(),
    servingSeconds: integer('serving_seconds').notNull(),
    pausedSeconds: integer('paused_seconds').notNull(),
    /** pausedSeconds by reason (domain/window-pause.ts, migration 0019): they add up to it. */
    pausedLunchSeconds: integer('paused_lunch_seconds').default(0).notNull(),
    pausedMeetingSeconds: integer('paused_meeting_seconds').default(0).notNull(),
    pausedConsultSeconds: integer('paused_consult_seconds').default(0).notNull(),
    pausedFaultSeconds: integer('paused_fault_seconds').default(0).notNull(),
    pausedOtherSeconds: integer('paused_other_seconds').default(0).notNull(),
    idleSeconds: integer('idle_seconds').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.windowCode, t.staffId] })],
);
