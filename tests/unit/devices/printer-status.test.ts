import { describe, expect, it } from 'vitest';
import { SIMULATED_STATES, createReceiptPrinter, SimulatedPrinter } from '../../../src/station/devices/printer/receipt-printer';
import { isStatusByte, parsePrinterStatus, printerProblem, printerWarnings } from '../../../src/station/devices/printer/status';
import { formatPrinterTarget, parsePrinterTarget } from '../../../src/station/devices/printer/transport';
import { decodeReceipt } from '../../../src/station/devices/printer/decode';
import { DeviceError } from '../../../src/station/devices/device-error';
import { ticketSlip } from '../../fixtures/devices/documents';

const parsed = (bytes: number[]) => {
  const r = parsePrinterStatus(bytes);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('DLE EOT status replies', () => {
  it('reads 0x12 four times as a healthy, online printer', () => {
    const s = parsed([0x12, 0x12, 0x12, 0x12]);
    expect(s.online).toBe(true);
    expect(printerProblem(s)).toBeNull();
    expect(printerWarnings(s)).toEqual([]);
  });

  it('tells paper out from the paper sensor bits 5-6 and the paper-end stop bit', () => {
    const s = parsed([0x1a, 0x32, 0x12, 0x72]);
    expect(s.paperOut).toBe(true);
    expect(s.stoppedOnPaperEnd).toBe(true);
    expect(printerProblem(s)?.code).toBe('PRINTER_PAPER_OUT');
    expect(printerProblem(s)?.message).toMatch(/缺纸/u);
  });

  it('tells an open cover from the offline cause bit 2, before the offline state it causes', () => {
    const s = parsed([0x1a, 0x16, 0x12, 0x12]);
    expect(s.coverOpen).toBe(true);
    expect(s.online).toBe(false);
    expect(printerProblem(s)?.code).toBe('PRINTER_COVER_OPEN');
  });

  it('reports a printer offline for no other known reason as offline', () => {
    const s = parsed([0x1a, 0x12, 0x12, 0x12]);
    expect(printerProblem(s)?.code).toBe('PRINTER_OFFLINE');
  });

  it('reports a cutter jam and an unrecoverable error from the error cause byte', () => {
    expect(printerProblem(parsed([0x1a, 0x52, 0x1a, 0x12]))?.code).toBe('PRINTER_CUTTER_ERROR');
    expect(printerProblem(parsed([0x1a, 0x52, 0x32, 0x12]))?.code).toBe('PRINTER_UNRECOVERABLE_ERROR');
  });

  it('warns about a paper roll near its end but still prints', () => {
    const s = parsed([0x12, 0x12, 0x12, 0x1e]);
    expect(printerProblem(s)).toBeNull();
    expect(printerWarnings(s).map((w) => w.code)).toEqual(['PRINTER_PAPER_NEAR_END']);
  });

  it('rejects a byte whose fixed bits are wrong, naming the query it answered', () => {
    const r = parsePrinterStatus([0x12, 0x00, 0x12, 0x12]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('PRINTER_STATUS_INVALID');
      expect(r.error.details).toMatchObject({ query: 2, byte: 0 });
    }
  });

  it('accepts exactly the bytes with (b & 0x93) == 0x12', () => {
    const valid = Array.from({ length: 256 }, (_, b) => b).filter(isStatusByte);
    expect(valid).toHaveLength(16);
    for (const b of valid) expect(b & 0x93).toBe(0x12);
  });

  it('keeps the simulated states consistent with what they claim', () => {
    for (const [name, bytes] of Object.entries(SIMULATED_STATES)) {
      const s = parsed([...bytes]);
      const code = printerProblem(s)?.code ?? null;
      const expected = { healthy: null, 'paper-out': 'PRINTER_PAPER_OUT', 'cover-open': 'PRINTER_COVER_OPEN', 'paper-near-end': null, offline: 'PRINTER_OFFLINE' }[name];
      expect(code).toBe(expected);
    }
  });
});

describe('printer settings', () => {
  it('reads a network printer with or without its port', () => {
    expect(parsePrinterTarget('tcp://10.0.3.21:9100')).toEqual({ ok: true, value: { kind: 'tcp', host: '10.0.3.21', port: 9100 } });
    expect(parsePrinterTarget('tcp://printer-a3.hall.local')).toEqual({ ok: true, value: { kind: 'tcp', host: 'printer-a3.hall.local', port: 9100 } });
  });

  it('reads a serial printer with its baud rate, 9600 by default', () => {
    expect(parsePrinterTarget('serial:/dev/ttyUSB0?baud=115200')).toEqual({ ok: true, value: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 } });
    expect(parsePrinterTarget('serial:COM3')).toEqual({ ok: true, value: { kind: 'serial', path: 'COM3', baudRate: 9600 } });
  });

  it('reads a USB printer by hexadecimal vendor and product id', () => {
    expect(parsePrinterTarget('usb:0416:5011')).toEqual({ ok: true, value: { kind: 'usb', vendorId: 0x0416, productId: 0x5011 } });
  });

  it('round-trips every kind of target through its text form', () => {
    for (const s of ['tcp://10.0.3.21:9100', 'serial:/dev/ttyS0?baud=19200', 'usb:04b8:0202', 'simulated', 'none']) {
      const t = parsePrinterTarget(s);
      expect(t.ok && formatPrinterTarget(t.value)).toBe(s);
    }
  });

  it('explains a target it cannot read', () => {
    for (const s of ['lpt1', 'usb:04b8', 'serial:', 'serial:/dev/ttyS0?baud=fast', 'tcp://']) {
      const t = parsePrinterTarget(s);
      expect(t.ok).toBe(false);
      if (!t.ok) {
        expect(t.error.code).toBe('PRINTER_TARGET_INVALID');
        expect(t.error.message).toContain(s);
      }
    }
  });
});

describe('the simulated printer', () => {
  it('records each job as the bytes a real printer would get', async () => {
    const made = createReceiptPrinter({ printer: 'simulated', width: 58 });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const printer = made.value as SimulatedPrinter;
    await printer.print(ticketSlip);
    expect(printer.jobs).toHaveLength(1);
    expect(decodeReceipt(printer.jobs[0]?.bytes ?? Buffer.alloc(0)).qr).toEqual([ticketSlip.qr]);
  });

  it('refuses to print while told it is out of paper, and prints again once refilled', async () => {
    const printer = new SimulatedPrinter();
    printer.setState('paper-out');
    await expect(printer.print(ticketSlip)).rejects.toMatchObject({ code: 'PRINTER_PAPER_OUT' });
    expect((await printer.status()).problem?.code).toBe('PRINTER_PAPER_OUT');
    printer.setState('healthy');
    await printer.print(ticketSlip);
    expect(printer.jobs).toHaveLength(1);
  });

  it('fails the next job as a dropped connection when told to', async () => {
    const printer = new SimulatedPrinter();
    printer.failNext();
    const err = await printer.print(ticketSlip).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect((err as DeviceError).code).toBe('PRINTER_CONNECTION_LOST');
    await printer.print(ticketSlip);
    expect(printer.jobs).toHaveLength(1);
  });

  it('answers PRINTER_NOT_CONFIGURED when the station has no printer', async () => {
    const made = createReceiptPrinter({ printer: 'none' });
    if (!made.ok) throw new Error(made.error.message);
    expect((await made.value.status()).problem?.code).toBe('PRINTER_NOT_CONFIGURED');
    await expect(made.value.print(ticketSlip)).rejects.toMatchObject({ code: 'PRINTER_NOT_CONFIGURED' });
  });
});
