import { sql } from 'drizzle-orm';
import type { HallContext } from '../context';
import { rowsOf } from '../db/client';
import { HallError } from '../http/errors';

/**
 * Slowing down password guessing without locking anyone out.
 *
 * Each sign-in CLAIMS an attempt before its password is checked, in one atomic statement over two
 * keys: the user at this address (`u:`) and the address as a whole (`a:`, against one address trying
 * many users). The first `free` attempts of a key go through at once; from then on each attempt
 * pushes the key's `retry_at` forward, doubling each time (exponential), and a claim made before
 * `retry_at` is refused with 429 and Retry-After, the password never looked at. Because the claim
 * is one row-locked upsert, parallel guesses and several hall instances on one database count
 * exactly: of 25 guesses sent at once, 5 are checked.
 *
 * Keys are per address, so a stranger's guesses never stop the right person signing in from their
 * own PC; a good sign-in clears its user key. Keys quiet for `quietMinutes` start over.
 */
export interface ThrottleLimits {
  /** Attempts per user and address before the delays start. */
  perUser: number;
  /** Attempts per address (all users) before the delays start. */
  perAddress: number;
  /** First delay after the free attempts; it doubles with each further attempt. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  quietMinutes: number;
}

const userKey = (username: string, address: string) => `u:${username.toLowerCase()}@${address}`;
const addressKey = (address: string) => `a:${address}`;

/** Claims one attempt for this user at this address, or throws LOGIN_RATE_LIMITED (429). */
export async function claimSignInAttempt(ctx: HallContext, username: string, address: string): Promise<void> {
  const l = ctx.config.loginLimit;
  const now = ctx.now();
  const keys = [
    { key: userKey(username, address), free: l.perUser },
    { key: addressKey(address), free: l.perAddress },
  ];
  // One statement: every key that is not waiting is bumped (and its next delay set); the answer says
  // which keys were bumped and, for the others, until when they wait. A key within its free attempts
  // waits for nothing ('epoch'), not for the time of the claim that made it: parallel sign-ins take
  // their `now` before their turn at the row, and one with an earlier `now` would otherwise be refused.
  const rows = rowsOf<{ key: string; claimed: boolean; retry_at: string | Date }>(
    await ctx.db.drizzle.execute(sql`
      with want(key, free) as (select * from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as x(key text, free int)),
      bumped as (
        insert into login_throttle as t (key, attempts, retry_at, updated_at)
        select key, 1, 'epoch'::timestamptz, ${now}::timestamptz from want
        on conflict (key) do update set
          attempts = case when t.updated_at < ${now}::timestamptz - make_interval(mins => ${l.quietMinutes}) then 1 else t.attempts + 1 end,
          retry_at = case
            when t.updated_at < ${now}::timestamptz - make_interval(mins => ${l.quietMinutes}) then 'epoch'::timestamptz
            when t.attempts + 1 < (select free from want where want.key = t.key) then t.retry_at
            else ${now}::timestamptz + make_interval(secs => least(${l.maxDelaySeconds}, ${l.baseDelaySeconds} * power(2, t.attempts + 1 - (select free from want where want.key = t.key))))
          end,
          updated_at = ${now}::timestamptz
        where t.retry_at <= ${now}::timestamptz or t.updated_at < ${now}::timestamptz - make_interval(mins => ${l.quietMinutes})
        returning key
      )
      select w.key, (b.key is not null) as claimed, coalesce(t.retry_at, ${now}::timestamptz) as retry_at
      from want w left join bumped b on b.key = w.key left join login_throttle t on t.key = w.key`),
  );
  const waiting = rows.filter((r) => !r.claimed);
  if (waiting.length === 0) return;
  const until = Math.max(...waiting.map((r) => new Date(r.retry_at).getTime()));
  const retryAfterSeconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  throw new HallError('LOGIN_RATE_LIMITED', `too many sign-in attempts from this address; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
}

/**
 * A good sign-in: this user at this address starts over, and the address gets its claim back (it
 * counts guesses, not the clerks of a busy hall signing in from behind one address).
 */
export async function clearSignInAttempts(ctx: HallContext, username: string, address: string): Promise<void> {
  const now = ctx.now();
  // Two statements, each its own transaction, so this never holds one throttle row while waiting for
  // the other. A claim locks the user's row and then the address's; one statement here (the update
  // ran before its delete CTE) locked them the other way round, and two sign-ins of one account at
  // once deadlocked (PostgreSQL's 40P01, a 500 at sign-in: seen with twenty issuers on one account).
  await ctx.db.drizzle.execute(sql`delete from login_throttle where key = ${userKey(username, address)}`);
  await ctx.db.drizzle.execute(sql`
    update login_throttle set
      attempts = greatest(attempts - 1, 0),
      retry_at = case when attempts - 1 < ${ctx.config.loginLimit.perAddress} then least(retry_at, ${now}::timestamptz) else retry_at end
    where key = ${addressKey(address)}`);
}
