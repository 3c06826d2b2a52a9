/**
 * Printer faults seen from the station's print queue, over a real TCP socket to the test printer.
 * The driver-level behaviour of each fault (error codes, status bytes, one client at a time) is
 * proven in tests/integration/devices/printer-tcp.test.ts, and the queue's retry/reprint with the
 * simulated printer in tests/unit/station/intake.test.ts; here every fault goes through intake →
 * persisted job → printer → job state, and the job must stay queued with a clear reason, print once
 * on retry, and never print again after it printed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Station } from '../../src/station/api';
import { TestPrinter, type TestPrinterBehaviour } from '../../src/station/devices/printer/test-printer';
import type { SimulatedPrinterState } from '../../src/station/devices/printer/receipt-printer';
import type { Json } from './support/http';
import { acceptArgs, offlineStation, promisedMatter, value } from './support/station';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ station: Station; printer: TestPrinter; matter: string }> {
  const printer = await TestPrinter.start();
  cleanups.push(() => printer.stop());
  const station = await offlineStation({ PRINTER: printer.target });
  cleanups.push(() => station.stop());
  await value(station.dispatch('session.login', { username: 'clerk-A3', password: 'hall-demo-2026', windowCode: 'A3' }));
  return { station, printer, matter: await promisedMatter(station) };
}

interface Fault {
  name: string;
  code: string;
  /** Puts the printer into the fault. */
  apply(p: TestPrinter): void;
  /** True when the fault lets no job bytes reach the paper (so nothing may be recorded as printed). */
  nothingOut: boolean;
}

const healthy: Partial<TestPrinterBehaviour> = { refuse: false, closeAfterBytes: null, replyDelayMs: 0, silent: false };
const state = (s: SimulatedPrinterState) => (p: TestPrinter) => p.setStatus(s);

const FAULTS: Fault[] = [
  { name: 'resets every connection', code: 'PRINTER_CONNECTION_LOST', apply: (p) => p.behave({ refuse: true }), nothingOut: true },
  { name: 'closes the connection mid-job', code: 'PRINTER_CONNECTION_LOST', apply: (p) => p.behave({ closeAfterBytes: 120 }), nothingOut: false },
  { name: 'is out of paper', code: 'PRINTER_PAPER_OUT', apply: state('paper-out'), nothingOut: true },
  { name: 'has its cover open', code: 'PRINTER_COVER_OPEN', apply: state('cover-open'), nothingOut: true },
  { name: 'answers its status too slowly', code: 'PRINTER_STATUS_TIMEOUT', apply: (p) => p.behave({ replyDelayMs: 1500 }), nothingOut: true },
];

describe('a receipt printer that fails under the print queue', () => {
  for (const fault of FAULTS) {
    it(`keeps the receipt queued with ${fault.code} when the printer ${fault.name}, prints it once on retry, and never again`, async () => {
      const { station, printer, matter } = await setup();
      fault.apply(printer);
      const r = await value<Json>(station.dispatch('intake.submit', await acceptArgs(station, matter, 1)));
      // The case is taken in whatever the printer does; the receipt waits with the reason.
      expect(r.case.status).toBe('accepted');
      expect(r.printJob).toMatchObject({ status: 'failed', attempts: 1, error: { code: fault.code } });
      expect(r.printJob.error.message).toMatch(/[\u4e00-\u9fff]/);
      const listed = (await value<Json[]>(station.dispatch('print.jobs', {}))).find((j) => j.id === r.printJob.id);
      expect(listed).toMatchObject({ status: 'failed', error: { code: fault.code } });
      // Nothing complete came out: at most a cut-off job when the line dropped mid-job.
      expect(printer.completeJobs()).toHaveLength(0);

      // The printer is fixed; the clerk presses retry.
      printer.behave(healthy);
      printer.setStatus('healthy');
      const retried = await value<Json>(station.dispatch('print.retry', { jobId: r.printJob.id }));
      expect(retried).toMatchObject({ status: 'printed', attempts: 2, error: null });
      await printer.waitForJobs(fault.nothingOut ? 1 : 2);
      expect(printer.completeJobs()).toHaveLength(1);
      expect(printer.lastJob()?.text).toContain(r.case.caseNo);

      // Pressing retry again (or twice at once) on a printed receipt prints nothing.
      const again = await Promise.all([1, 2].map(() => value<Json>(station.dispatch('print.retry', { jobId: r.printJob.id }))));
      for (const a of again) expect(a).toMatchObject({ status: 'printed', attempts: 2 });
      await new Promise((res) => setTimeout(res, 200));
      expect(printer.completeJobs()).toHaveLength(1);
    });
  }

  it('keeps the receipt queued with PRINTER_UNREACHABLE while nothing listens on the printer port, and prints it once when the printer is back', async () => {
    const { station, printer, matter } = await setup();
    const port = printer.port;
    await printer.stop();
    const r = await value<Json>(station.dispatch('intake.submit', await acceptArgs(station, matter, 3)));
    expect(r.printJob).toMatchObject({ status: 'failed', error: { code: 'PRINTER_UNREACHABLE' } });
    expect(r.printJob.error.message).toContain(String(port));

    const back = await TestPrinter.start({ port });
    cleanups.push(() => back.stop());
    expect(await value<Json>(station.dispatch('print.retry', { jobId: r.printJob.id }))).toMatchObject({ status: 'printed', attempts: 2 });
    await value(station.dispatch('print.retry', { jobId: r.printJob.id }));
    await back.waitForJobs(1);
    await new Promise((res) => setTimeout(res, 200));
    expect(back.completeJobs()).toHaveLength(1);
  });

  it('prints on a slow printer that answers within the status timeout, once', async () => {
    const { station, printer, matter } = await setup();
    printer.behave({ replyDelayMs: 250 });
    const r = await value<Json>(station.dispatch('intake.submit', await acceptArgs(station, matter, 2)));
    expect(r.printJob).toMatchObject({ status: 'printed', attempts: 1 });
    await printer.waitForJobs(1);
    expect(printer.completeJobs()).toHaveLength(1);
  });

  it('keeps every receipt of a morning with the printer off queued, and prints each exactly once when it is back', async () => {
    const { station, printer, matter } = await setup();
    const port = printer.port;
    await printer.stop();
    const jobs: string[] = [];
    for (let i = 0; i < 5; i++) jobs.push((await value<Json>(station.dispatch('intake.submit', await acceptArgs(station, matter, 10 + i)))).printJob.id);
    const waiting = await value<Json[]>(station.dispatch('print.jobs', {}));
    expect(waiting.filter((j) => jobs.includes(j.id)).every((j) => j.status === 'failed' && j.error.code === 'PRINTER_UNREACHABLE')).toBe(true);

    const back = await TestPrinter.start({ port });
    cleanups.push(() => back.stop());
    // Two clerks' clicks on the same jobs at once: each job is claimed once.
    await Promise.all([...jobs, ...jobs].map((id) => station.dispatch('print.retry', { jobId: id })));
    await back.waitForJobs(5);
    await new Promise((res) => setTimeout(res, 200));
    expect(back.completeJobs()).toHaveLength(5);
    const done = await value<Json[]>(station.dispatch('print.jobs', {}));
    expect(done.filter((j) => jobs.includes(j.id)).map((j) => j.status)).toEqual(jobs.map(() => 'printed'));
  });
});
