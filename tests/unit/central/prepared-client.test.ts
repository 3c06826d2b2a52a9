import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namingClient, StatementNames } from '../../../src/central/db/prepared-client';
import { freshPgDatabase } from '../../faults/support/hall';

describe('names for hot statements', () => {
  it('names a statement from its third sighting on, always by the same name, and different texts differently', () => {
    const names = new StatementNames();
    const q = 'select $1::int + 1';
    expect([names.nameFor(q), names.nameFor(q)]).toEqual([undefined, undefined]);
    const name = names.nameFor(q);
    expect(name).toMatch(/^hall_[0-9a-f]{20}$/);
    expect(names.nameFor(q)).toBe(name);
    const other = 'select $1::int + 2';
    names.nameFor(other);
    names.nameFor(other);
    expect(names.nameFor(other)).not.toBe(name);
  });

  it('stops naming new texts past its cap, and keeps the names it gave', () => {
    const names = new StatementNames(2);
    const hot = (t: string) => [names.nameFor(t), names.nameFor(t), names.nameFor(t)][2];
    const a = hot('select $1 as a');
    const b = hot('select $1 as b');
    expect(hot('select $1 as c')).toBeUndefined();
    expect([names.nameFor('select $1 as a'), names.nameFor('select $1 as b'), names.size]).toEqual([a, b, 2]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('named statements on PostgreSQL', () => {
  let pool: pg.Pool;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshPgDatabase(process.env.DATABASE_URL!, 'hall_named');
    drop = fresh.drop;
    pool = new pg.Pool({ connectionString: fresh.url, max: 1, Client: namingClient(new StatementNames()) });
  });
  afterAll(async () => {
    await pool?.end();
    await drop?.();
  });

  it('answers each execution with its own parameters once the statement is prepared on the connection', async () => {
    const text = 'select $1::int * 2 as doubled, $2::text as label';
    const answers: unknown[] = [];
    for (let i = 1; i <= 6; i++) answers.push((await pool.query({ text }, [i, `n${i}`])).rows[0]);
    expect(answers).toEqual([1, 2, 3, 4, 5, 6].map((i) => ({ doubled: i * 2, label: `n${i}` })));
    const prepared = await pool.query(`select name, statement from pg_prepared_statements`);
    expect(prepared.rows).toEqual([{ name: expect.stringMatching(/^hall_/), statement: text }]);
    // Statements without parameters stay unnamed (simple protocol).
    for (let i = 0; i < 4; i++) await pool.query('select 1');
    expect((await pool.query(`select count(*)::int as n from pg_prepared_statements`)).rows[0].n).toBe(1);
  });
});
