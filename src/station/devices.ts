import type { DeviceStatus } from '../contract/station-api';
import { DomainFailure } from '../domain/result';
import { createCardReader } from './devices/idcard/open-reader';
import type { CardReader } from './devices/idcard/reader';
import { createReceiptPrinter, type ReceiptPrinter } from './devices/printer/receipt-printer';

export interface DeviceSettings {
  /** `tcp://host:9100 | serial:/dev/ttyUSB0 | usb:VID:PID | simulated | none` */
  printer: string;
  paperWidth: 58 | 80;
  /** `serial:/dev/ttyUSB0 | simulated | none` */
  reader: string;
}

export interface DeviceHub {
  readonly settings: DeviceSettings;
  readonly printer: ReceiptPrinter;
  readonly reader: CardReader;
  /** Switch to other targets; refuses a target it cannot parse (PRINTER_TARGET_INVALID …) and keeps the old devices then. */
  configure(next: Partial<DeviceSettings>): Promise<void>;
  status(): Promise<DeviceStatus>;
  close(): Promise<void>;
}

function build(settings: DeviceSettings, today: () => string): { printer: ReceiptPrinter; reader: CardReader } {
  const printer = createReceiptPrinter({ printer: settings.printer, width: settings.paperWidth });
  if (!printer.ok) throw new DomainFailure(printer.error.code, printer.error.message, printer.error.details);
  const reader = createCardReader({ reader: settings.reader, today });
  if (!reader.ok) throw new DomainFailure(reader.error.code, reader.error.message, reader.error.details);
  return { printer: printer.value, reader: reader.value };
}

/** The printer and the card reader chosen by configuration, behind their interfaces. */
export function createDeviceHub(initial: DeviceSettings, opts: { today: () => string; now?: () => Date }): DeviceHub {
  let settings = { ...initial };
  let devices = build(settings, opts.today);
  const now = opts.now ?? (() => new Date());
  return {
    get settings() {
      return settings;
    },
    get printer() {
      return devices.printer;
    },
    get reader() {
      return devices.reader;
    },
    async configure(next) {
      const merged = { ...settings, ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) } as DeviceSettings;
      const fresh = build(merged, opts.today);
      const old = devices;
      devices = fresh;
      settings = merged;
      await Promise.all([old.printer.close().catch(() => undefined), old.reader.close().catch(() => undefined)]);
    },
    async status() {
      const [p, r] = await Promise.all([devices.printer.status(), devices.reader.status()]);
      const at = now().toISOString();
      const state = (target: string, ready: boolean) => (target === 'none' ? 'not-configured' : ready ? 'ok' : 'problem');
      return {
        printer: { target: settings.printer, paperWidth: settings.paperWidth, state: state(settings.printer, p.ready), problem: p.problem, checkedAt: at },
        reader: { target: settings.reader, state: state(settings.reader, r.ready), problem: r.problem, checkedAt: at },
      };
    },
    async close() {
      await Promise.all([devices.printer.close().catch(() => undefined), devices.reader.close().catch(() => undefined)]);
    },
  };
}
