import type { BenchRow, BenchSection } from '../report';
import { runSyncDrain, type DrainRun } from './sync-scenario';
import type { QueueDb } from './queue-scenario';

const label = (db: QueueDb) => (db === 'postgres' ? 'PostgreSQL' : 'PGlite');

/** The busy day on PostgreSQL; a fifth of it on PGlite, whose single connection makes the full day take minutes. */
export function drainCases(db: QueueDb): number {
  return db === 'postgres' ? 500 : 100;
}

export async function runSyncBench(): Promise<BenchSection[]> {
  const dbs: QueueDb[] = process.env.DATABASE_URL ? ['postgres', 'pglite'] : ['pglite'];
  const rows: BenchRow[] = [];
  for (const db of dbs) {
    const r: DrainRun = await runSyncDrain(db, drainCases(db), { firstPull: true });
    const full = r.cases === 500;
    rows.push({
      name: `${label(db)}: offline day drained (${r.cases} cases, ${r.mutations} mutations)`,
      value: r.seconds,
      unit: 's',
      floor: { name: 'the same rows by one batched INSERT', value: r.floorSeconds },
      target: db === 'postgres' ? '< 10 s' : undefined,
      met: db === 'postgres' ? r.seconds < 10 : undefined,
      note:
        `${(r.mutations / r.seconds).toFixed(0)} mutations/s; outbox ${r.state.pending} pending and ${r.state.rejected} rejected afterwards; ` +
        `the hall holds ${r.onHall} of the ${r.cases} cases delivered and rated; pull caught up at cursor ${r.state.cursor}` +
        (full ? '' : `; at this rate the full 5,000-mutation day takes about ${((5000 / r.mutations) * r.seconds).toFixed(0)} s`) +
        `; floor: ${r.floorHow}`,
    });
    if (r.firstPull) {
      rows.push({
        name: `${label(db)}: a new station's first full pull (catalogue, calendar, staff, ${r.firstPull.tickets} tickets of today: ${r.firstPull.changes} changes)`,
        value: r.firstPull.seconds,
        unit: 's',
        floor: { name: 'the same pages by a bare fetch loop, nothing stored', value: r.firstPull.floorSeconds },
        target: '< 1 s',
        met: r.firstPull.seconds < 1,
        note: 'from creating the station (empty SQLite file) through sign-in to sync.now resolved',
      });
    }
  }
  return [
    {
      title: 'Sync: a station back from an offline day',
      method:
        'The hall server in a child process on a fresh database; the station back end in process with its SQLite file. Each case of the offline day is ten outbox entries written through the station store ' +
        '(容缺 acceptance, supplement, dispatch to two departments, clock pause and resume, two decisions, ready, delivered, rated), then one "sync now": seconds until the outbox is empty and the pull is caught up, ' +
        'checked against the hall (every case delivered and rated, nothing rejected). Floor: the rows the hall ends up with (cases, case events, processed mutations) inserted into an empty hall schema by one statement.',
      rows,
    },
  ];
}
