import { SerialPortMock } from 'serialport';
import { describe, expect, it } from 'vitest';
import { createReceiptPrinter } from '../../../src/station/devices/printer/receipt-printer';
import { decodeReceipt } from '../../../src/station/devices/printer/decode';
import type { SerialPortClass } from '../../../src/station/devices/printer/serial-transport';
import { ticketSlip } from '../../fixtures/devices/documents';
import { mockPortPath, onMockWrite } from '../../fixtures/devices/mock-serial';

/** A serial printer on a mock port: answers DLE EOT with the given byte and keeps what it was sent. */
function serialPrinter(statusByte: number) {
  const received: Buffer[] = [];
  const ports: SerialPortMock[] = [];
  const PortClass = class extends SerialPortMock {
    constructor(opts: { path: string; baudRate: number; autoOpen: boolean }) {
      super(opts);
      ports.push(this);
      onMockWrite(this, (chunk, reply) => {
        if (chunk.length === 3 && chunk[0] === 0x10 && chunk[1] === 0x04) reply(Buffer.from([statusByte]));
        else received.push(chunk);
      });
    }
  } as unknown as SerialPortClass;
  return { received, ports, PortClass };
}

describe('a receipt printer on a serial port', () => {
  it('takes the job after a healthy status and keeps the port until closed', async () => {
    const path = mockPortPath('printer');
    const device = serialPrinter(0x12);
    const made = createReceiptPrinter({ printer: `serial:${path}?baud=9600`, width: 58, transport: { serial: { SerialPortClass: device.PortClass } } });
    if (!made.ok) throw new Error(made.error.message);
    await made.value.print(ticketSlip);
    const decoded = decodeReceipt(Buffer.concat(device.received));
    expect(decoded.enlarged).toEqual(['A012']);
    expect(decoded.qr).toEqual([ticketSlip.qr]);
    expect(decoded.cuts).toBe(1);
    expect(device.ports[0]?.baudRate).toBe(9600);
  });

  it('says which port could not be opened', async () => {
    const made = createReceiptPrinter({ printer: 'serial:/dev/mock-not-plugged-in', transport: { serial: { SerialPortClass: SerialPortMock as unknown as SerialPortClass } } });
    if (!made.ok) throw new Error(made.error.message);
    await expect(made.value.print(ticketSlip)).rejects.toMatchObject({ code: 'PRINTER_UNREACHABLE', message: expect.stringContaining('/dev/mock-not-plugged-in') });
  });

  it('refuses the job when the serial printer answers with a broken status byte', async () => {
    const path = mockPortPath('printer');
    const device = serialPrinter(0x00);
    const made = createReceiptPrinter({ printer: `serial:${path}`, transport: { serial: { SerialPortClass: device.PortClass } } });
    if (!made.ok) throw new Error(made.error.message);
    await expect(made.value.print(ticketSlip)).rejects.toMatchObject({ code: 'PRINTER_STATUS_INVALID' });
    expect(device.received).toHaveLength(0);
  });
});

describe('a USB printer', () => {
  it('names the printer it could not find', async () => {
    const made = createReceiptPrinter({ printer: 'usb:fffe:0001' });
    if (!made.ok) throw new Error(made.error.message);
    const health = await made.value.status();
    expect(['PRINTER_NOT_FOUND', 'PRINTER_TRANSPORT_UNSUPPORTED']).toContain(health.problem?.code);
    expect(health.problem?.message).toContain('usb:fffe:0001');
  });
});
