import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceError } from '../../../src/station/devices/device-error';
import { createReceiptPrinter, type ReceiptPrinter } from '../../../src/station/devices/printer/receipt-printer';
import { TestPrinter, decodeReceipt } from '../../../src/station/devices/printer/test-printer';
import { TcpPrinterTransport } from '../../../src/station/devices/printer/tcp-transport';
import { acceptanceReceipt, ticketSlip } from '../../fixtures/devices/documents';

let printer: TestPrinter;

beforeEach(async () => {
  printer = await TestPrinter.start();
});
afterEach(async () => {
  await printer.stop();
});

const station = (target = printer.target, width: 58 | 80 = 58): ReceiptPrinter => {
  const made = createReceiptPrinter({ printer: target, width });
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
};

const failure = async (p: Promise<unknown>): Promise<DeviceError> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DeviceError);
  return e as DeviceError;
};

describe('a receipt over a real TCP socket to a network printer', () => {
  it('arrives as the same Chinese text, QR payload and one cut', async () => {
    await station().print(acceptanceReceipt);
    const [job] = await printer.waitForJobs(1);
    expect(job?.complete).toBe(true);
    const decoded = decodeReceipt(job?.bytes ?? Buffer.alloc(0));
    expect(decoded.enlarged).toEqual(['受理回执']);
    expect(decoded.lines).toContain('受理日期              2026-11-28');
    expect(decoded.lines.join('').replace(/ +/gu, '')).toContain('事项名称个体工商户设立登记（含名称自主申报、营业执照发放）');
    expect(decoded.qr).toEqual(['https://hall.example/cases/TS20261128A3-0042?k=受理']);
    expect(decoded.cuts).toBe(1);
    expect(decoded.unknown).toEqual([]);
  });

  it('asks the printer for its status before and after the job, on the same connection', async () => {
    await station().print(ticketSlip);
    await printer.waitForJobs(1);
    expect(printer.statusQueries).toBe(8);
    expect(printer.connections).toBe(1);
    // The status queries are real-time commands, not part of the printed job.
    expect(decodeReceipt(printer.jobs[0]?.bytes ?? Buffer.alloc(0)).statusQueries).toBe(0);
  });

  it('reports the printer ready over the network', async () => {
    const health = await station().status();
    expect(health).toMatchObject({ target: printer.target, ready: true, problem: null });
    expect(health.status?.bytes).toEqual([0x12, 0x12, 0x12, 0x12]);
  });

  it('prints nothing and says so when the paper is out', async () => {
    printer.setStatus('paper-out');
    const err = await failure(station().print(acceptanceReceipt));
    expect(err.code).toBe('PRINTER_PAPER_OUT');
    expect(err.message).toMatch(/缺纸/u);
    expect(err.details).toMatchObject({ stage: 'before', reference: acceptanceReceipt.reference });
    expect(printer.jobs).toHaveLength(0);
  });

  it('shows an open cover in the status and refuses the job', async () => {
    printer.setStatus('cover-open');
    const health = await station().status();
    expect(health.ready).toBe(false);
    expect(health.problem?.code).toBe('PRINTER_COVER_OPEN');
    expect((await failure(station().print(ticketSlip))).code).toBe('PRINTER_COVER_OPEN');
  });

  it('gives a clear error when nothing listens on the printer port', async () => {
    const gone = await TestPrinter.start();
    const target = gone.target;
    await gone.stop();
    const err = await failure(station(target).print(ticketSlip));
    expect(err.code).toBe('PRINTER_UNREACHABLE');
    expect(err.message).toContain(target);
    expect(err.message).toMatch(/连接被拒绝/u);
    const health = await station(target).status();
    expect(health.problem?.code).toBe('PRINTER_UNREACHABLE');
  });

  it('gives a clear error when the printer drops the connection mid-job, and prints the retry', async () => {
    printer.behave({ closeAfterBytes: 40 });
    const p = station();
    const err = await failure(p.print(acceptanceReceipt));
    expect(err.code).toBe('PRINTER_CONNECTION_LOST');
    expect(err.message).toMatch(/可能未打完/u);
    expect(['sending', 'after']).toContain(err.details?.stage);
    expect(printer.jobs[0]?.complete).toBe(false);

    printer.behave({ closeAfterBytes: null });
    await p.print(acceptanceReceipt);
    const jobs = await printer.waitForJobs(2);
    expect(jobs[1]?.complete).toBe(true);
    expect(decodeReceipt(jobs[1]?.bytes ?? Buffer.alloc(0)).cuts).toBe(1);
  });

  it('notices a printer that resets every connection', async () => {
    printer.behave({ refuse: true });
    const err = await failure(station().print(ticketSlip));
    expect(['PRINTER_CONNECTION_LOST', 'PRINTER_UNREACHABLE']).toContain(err.code);
    expect(printer.jobs).toHaveLength(0);
  });

  it('waits for a slow printer that answers within the status time-out', async () => {
    printer.behave({ replyDelayMs: 100 });
    await station().print(ticketSlip);
    expect((await printer.waitForJobs(1))[0]?.complete).toBe(true);
  });

  it('times out a printer that never answers status queries', async () => {
    printer.behave({ silent: true });
    const err = await failure(station().print(ticketSlip));
    expect(err.code).toBe('PRINTER_STATUS_TIMEOUT');
    expect(err.message).toMatch(/未应答状态查询/u);
  });

  it('prints the jobs of two stations sharing one printer one after the other, never interleaved', async () => {
    const a = station(printer.target, 58);
    const b = station(printer.target, 80);
    await Promise.all([a.print(acceptanceReceipt), b.print(ticketSlip)]);
    const jobs = await printer.waitForJobs(2);
    const decoded = jobs.map((j) => decodeReceipt(j.bytes));
    expect(decoded.map((d) => d.cuts)).toEqual([1, 1]);
    expect(decoded.map((d) => d.qr[0]).sort()).toEqual([acceptanceReceipt.qr, ticketSlip.qr].sort());
  });

  it('lets go of an idle connection so another client can print', async () => {
    const transport = new TcpPrinterTransport({ kind: 'tcp', host: '127.0.0.1', port: printer.port }, { idleCloseMs: 50 });
    await transport.queryStatus();
    await new Promise((r) => setTimeout(r, 200));
    await station().print(ticketSlip);
    expect((await printer.waitForJobs(1)).length).toBe(1);
  });
});
