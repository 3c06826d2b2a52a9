/**
 * The online inbox under load: filings with a 5 MiB PDF, one after another (latency) and twenty at
 * once (the hall's memory). The hall server runs in a child process (its own core, as in
 * production); its resident memory is read from /proc every 20 ms while the filings arrive.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD } from '../../../src/central/config';
import { idCheckCharacter } from '../../../src/domain/id-number';
import { freshPgDatabase, spawnHall, type HallProcess } from '../../faults/support/hall';
import { percentile, type BenchRow, type BenchSection } from '../report';

const FOOD = '11370902002932362Y0045';
const MiB = 2 ** 20;

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** A 5 MiB "scan": a PDF header and incompressible bytes, as a scanned page is. */
function scannedPdf(bytes: number): Buffer {
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 32) createHash('sha256').update(String(i)).digest().copy(b, i);
  Buffer.from('%PDF-1.4\n').copy(b);
  return b;
}

let serial = 0;
function idNumber(): string {
  serial += 1;
  const body = `370902198501${String(10 + (serial % 18))}${String(100 + (serial % 900)).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

async function post(url: string, token: string, body: string): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  const r = await fetch(`${url}/api/v1/online-applications`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  await r.arrayBuffer();
  return { status: r.status, ms: performance.now() - t0 };
}

async function api(url: string, path: string, body: unknown, token?: string): Promise<{ token?: string }> {
  const r = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  return (await r.json()) as { token?: string };
}

export async function runInboxBench(): Promise<BenchSection[]> {
  const pg = process.env.DATABASE_URL ? await freshPgDatabase(process.env.DATABASE_URL, 'bench_inbox') : null;
  let hall: HallProcess | null = null;
  try {
    hall = await spawnHall({ ...(pg ? { databaseUrl: pg.url } : {}), config: { dataKey: 'YmVuY2gtaGFsbC1kYXRhLWtleS0wMTIzNDU2Nzg5YWJj' } });
    const url = hall.url;
    const admin = (await api(url, '/api/v1/auth/login', { username: 'admin', password: DEMO_PASSWORD })).token as string;
    await api(url, '/api/v1/staff', { username: 'portal-bench', name: '网上办事大厅', role: 'portal', password: 'Sd-portal-2026' }, admin);
    const portal = (await api(url, '/api/v1/auth/login', { username: 'portal-bench', password: 'Sd-portal-2026' })).token as string;

    const pdf = scannedPdf(5 * MiB);
    const file = { materialCode: 'M032', fileName: 'scan.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64'), sha256: createHash('sha256').update(pdf).digest('hex') };
    const body = () =>
      JSON.stringify({
        portalId: `bench-${++serial}-${Date.now()}`,
        submittedAt: new Date().toISOString(),
        applicant: { name: '压测', idNumber: idNumber(), phone: '13900000000' },
        matterCodes: [FOOD],
        form: {},
        files: [file],
      });
    const bodyBytes = Buffer.byteLength(body());

    // Floor: the unavoidable part of the work in this process (decode the base64, hash it).
    const floor: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      createHash('sha256').update(Buffer.from(file.contentBase64, 'base64')).digest('hex');
      floor.push(performance.now() - t0);
    }

    await post(url, portal, body()); // warm
    const one: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await post(url, portal, body());
      if (r.status !== 201) throw new Error(`a filing answered ${r.status}`);
      one.push(r.ms);
    }

    const pid = hall.child.pid!;
    const before = rssOf(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
    const bodies = Array.from({ length: 20 }, body);
    const t0 = performance.now();
    const answers = await Promise.all(bodies.map((b) => post(url, portal, b)));
    const wall = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(pid));
    const ok = answers.filter((a) => a.status === 201).length;

    const db = pg ? 'PostgreSQL' : 'PGlite';
    const rows: BenchRow[] = [
      {
        name: `${db}: one filing with a 5 MiB PDF, p50`,
        value: percentile(one, 50),
        unit: 'ms',
        floor: { name: 'decode and sha256 the same file in this process', value: percentile(floor, 50) },
        note: `body ${(bodyBytes / MiB).toFixed(1)} MiB of JSON; the file is checked, hashed, sealed (SM4 + HMAC-SM3, pure JS) in 1 MiB chunks and stored`,
      },
      { name: `${db}: one filing with a 5 MiB PDF, p95`, value: percentile(one, 95), unit: 'ms', floor: { name: 'decode and sha256 in this process', value: percentile(floor, 95) } },
      {
        name: `${db}: 20 filings at once, the hall's peak memory above its idle size`,
        value: (peak - before) / MiB,
        unit: 'MiB',
        floor: { name: 'the 20 request bodies themselves', value: (20 * bodyBytes) / MiB },
        note: `idle ${(before / MiB).toFixed(0)} MiB, peak ${(peak / MiB).toFixed(0)} MiB (VmRSS every 20 ms); ${ok} of 20 answered 201 in ${(wall / 1000).toFixed(1)} s`,
      },
    ];
    return [
      {
        title: 'Online inbox: filings with a 5 MiB PDF',
        method:
          `The hall server in a child process on ${pg ? 'a fresh PostgreSQL database' : 'PGlite in memory'}, a portal account filing over real HTTP on loopback: ten filings one after another, then twenty at once, ` +
          'each a 5 MiB PDF (incompressible, like a scan). Memory is the child\'s resident set read from /proc while the twenty arrive.',
        rows,
      },
    ];
  } finally {
    await hall?.stop().catch(() => undefined);
    await pg?.drop().catch(() => undefined);
  }
}
