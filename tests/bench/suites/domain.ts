import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { importCatalogJson } from '../../../src/contract/catalog-import';
import { calendarYearSchema } from '../../../src/contract/catalog';
import { addWorkingDays, buildCalendar } from '../../../src/domain/calendar';
import { decideIntake, mergeChecklist, type MaterialReceipt } from '../../../src/domain/checklist';
import { idCheckCharacter, parseIdNumber } from '../../../src/domain/id-number';
import { addDays } from '../../../src/domain/local-date';
import { defaultQueuePolicy, emptyWindowCallState, pickNextTicket, type WaitingTicket } from '../../../src/domain/queue-policy';
import type { BenchRow, BenchSection } from '../report';

const root = new URL('../../../', import.meta.url);
const readJson = (p: string) => JSON.parse(readFileSync(new URL(p, root), 'utf8')) as unknown;

/** Mean time of one call in microseconds. */
function micros(bench: Bench, name: string): number {
  const task = bench.getTask(name);
  const r = task?.result as { latency?: { mean?: number } } | undefined;
  return (r?.latency?.mean ?? NaN) * 1000;
}

export async function runDomainBench(): Promise<BenchSection[]> {
  const calendar = buildCalendar([2025, 2026].map((y) => calendarYearSchema.parse(readJson(`resources/calendar/${y}.json`))));
  const catalog = importCatalogJson(readJson('resources/catalog/demo-hall.json'));
  if (!catalog.ok) throw new Error(`demo catalogue: ${catalog.error.message}`);
  const { matters, materials, bundles } = catalog.value;
  const biggest = [...bundles].sort((a, b) => b.matterCodes.length - a.matterCodes.length)[0]!;
  const bundleMatters = biggest.matterCodes.map((c) => matters.find((m) => m.code === c)!);
  const checklist = mergeChecklist(bundleMatters, materials);
  const received: Record<string, MaterialReceipt> = Object.fromEntries(checklist.map((i) => [i.materialCode, 'original' as const]));

  const body = '37090219920708204';
  const idNumber = body + idCheckCharacter(body);
  const zones = ['A', 'B', 'C'];
  const waiting: WaitingTicket[] = Array.from({ length: 300 }, (_, i) => ({
    id: `t${i}`,
    number: `${zones[i % 3]}${String(i + 1).padStart(3, '0')}`,
    zoneCode: zones[i % 3]!,
    matterCode: null,
    priority: i % 17 === 0 ? 'green' : i % 11 === 0 ? 'appointment' : 'normal',
    queuedAt: new Date(Date.UTC(2026, 10, 27, 1, 0, i)).toISOString(),
    front: false,
    windowCode: null,
  }));
  const window = { windowCode: 'A4', zones: [{ zoneCode: 'A', weight: 3 }, { zoneCode: 'B', weight: 1 }, { zoneCode: 'C', weight: 1 }] };

  const bench = new Bench({ time: 300, warmupTime: 100 });
  bench
    .add('addWorkingDays 20 (across the Spring Festival)', () => addWorkingDays(calendar, '2026-02-10', 20))
    .add('floor: add 20 calendar days', () => addDays('2026-02-10', 20))
    .add('parseIdNumber', () => parseIdNumber(idNumber, '2026-11-28'))
    .add('floor: 18-character regex test', () => /^\d{17}[\dX]$/.test(idNumber))
    .add('pickNextTicket over 300 waiting', () => pickNextTicket(waiting, window, defaultQueuePolicy, emptyWindowCallState))
    .add('floor: oldest of 300 by a loop', () => {
      let best = waiting[0]!;
      for (const t of waiting) if (t.queuedAt < best.queuedAt) best = t;
      return best;
    })
    .add(`merge checklist + decide (bundle ${biggest.name}, ${bundleMatters.length} matters)`, () =>
      decideIntake(mergeChecklist(bundleMatters, materials), received, { acceptedOn: '2026-11-27', calendar, matters: bundleMatters, creditOk: true }),
    )
    .add('floor: collect the material codes into a Set', () => new Set(bundleMatters.flatMap((m) => m.materials.map((x) => x.materialCode))));
  await bench.run();

  const pair = (name: string, floor: string, target?: string, limitUs?: number): BenchRow => {
    const value = micros(bench, name);
    return { name, value, unit: 'µs', floor: { name: floor, value: micros(bench, floor) }, target, met: limitUs === undefined ? undefined : value < limitUs };
  };
  return [
    {
      title: 'Domain core',
      method: 'tinybench, mean time per call over ≥300 ms per task, on the demo hall catalogue and the 2025–2026 calendars. Floors are the simplest code doing a part of the same work.',
      rows: [
        pair('addWorkingDays 20 (across the Spring Festival)', 'floor: add 20 calendar days', '< 50 µs', 50),
        pair('parseIdNumber', 'floor: 18-character regex test', '< 10 µs', 10),
        pair('pickNextTicket over 300 waiting', 'floor: oldest of 300 by a loop', '< 1 ms', 1000),
        pair(`merge checklist + decide (bundle ${biggest.name}, ${bundleMatters.length} matters)`, 'floor: collect the material codes into a Set', '< 1 ms', 1000),
      ],
    },
  ];
}
