import type { Duplex } from 'node:stream';
import { SerialPort, SerialPortMock } from 'serialport';
import { fail, ok, type Result } from '../../../domain/result';
import { createMockPortPath, onMockPortWrite } from '../mock-serial';
import { DEMO_ROTATION } from './demo-people';
import { ManualEntryReader } from './manual-entry';
import type { PhotoDecoder } from './photo';
import { SamCardReader, type CardReader, type SamReaderOptions } from './reader';
import { ReaderSimulator } from './simulator';

/** SAM modules talk at 115200 8N1. */
export const READER_BAUD = 115200;

export type ReaderTarget = { kind: 'serial'; path: string; baudRate: number } | { kind: 'simulated' } | { kind: 'none' };

/** What this code needs of a serialport port class (SerialPort, SerialPortMock). */
export type ReaderPortClass = new (opts: { path: string; baudRate: number; autoOpen: boolean }) => Duplex & {
  open(cb: (err: Error | null) => void): void;
};

const HELP = '读卡器地址应为 serial:/dev/ttyUSB0（可加 ?baud=115200）、串口路径如 /dev/ttyUSB0 或 COM3、simulated 或 none';

/** Parses the station's reader setting; a bare device path means a serial reader. */
export function parseReaderTarget(s: string): Result<ReaderTarget> {
  const text = s.trim();
  if (text === 'simulated' || text === 'none') return ok({ kind: text });
  const body = text.startsWith('serial:') ? text.slice('serial:'.length) : text;
  const [path = '', query = ''] = body.split('?', 2);
  if (!(path.startsWith('/') || /^COM\d+$/iu.test(path) || /^\\\\\.\\/u.test(path))) {
    return fail('READER_TARGET_INVALID', `读卡器地址“${s}”无效。${HELP}`, { target: s });
  }
  const params = new URLSearchParams(query);
  const baud = params.get('baud');
  const baudRate = baud === null ? READER_BAUD : Number(baud);
  if (!Number.isInteger(baudRate) || baudRate < 1200 || baudRate > 921600) {
    return fail('READER_TARGET_INVALID', `读卡器地址“${s}”的波特率无效。${HELP}`, { target: s });
  }
  return ok({ kind: 'serial', path, baudRate });
}

/** Opens a serial port and resolves once it is open. */
export function openSerialStream(path: string, baudRate: number, PortClass: ReaderPortClass = SerialPort as unknown as ReaderPortClass): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const port = new PortClass({ path, baudRate, autoOpen: false });
    port.open((err) => (err ? reject(err) : resolve(port)));
  });
}

/** The SAM driver wired to an in-process simulator over serialport's mock binding. */
export class SimulatedCardReader extends SamCardReader {
  constructor(
    readonly simulator: ReaderSimulator,
    opts: Omit<SamReaderOptions, 'target'> = {},
  ) {
    const path = createMockPortPath('idcard');
    super(
      async () => {
        const port = (await openSerialStream(path, READER_BAUD, SerialPortMock as unknown as ReaderPortClass)) as unknown as SerialPortMock;
        onMockPortWrite(port, (chunk) => simulator.receive(chunk));
        const detach = simulator.onOutput((bytes) => {
          const binding = port.port as unknown as { isOpen: boolean; emitData(b: Buffer): void } | undefined;
          if (binding?.isOpen) binding.emitData(bytes);
        });
        port.once('close', detach);
        return port;
      },
      { target: 'simulated', ...opts },
    );
  }
}

export interface CardReaderConfig {
  /** 'serial:/dev/ttyUSB0' | '/dev/ttyUSB0' | 'COM3' | 'simulated' | 'none' */
  reader: string | ReaderTarget;
  photoDecoder?: PhotoDecoder;
  today?: () => string;
  SerialPortClass?: ReaderPortClass;
  /** For 'simulated': the simulator to use (default: the demo people, a different one at each read). */
  simulator?: ReaderSimulator;
  pollIntervalMs?: number;
  responseTimeoutMs?: number;
  readTimeoutMs?: number;
}

/** Chooses the reader implementation from the station's configuration. */
export function createCardReader(config: CardReaderConfig): Result<CardReader> {
  const target = typeof config.reader === 'string' ? parseReaderTarget(config.reader) : ok(config.reader);
  if (!target.ok) return target;
  const common: Omit<SamReaderOptions, 'target'> = {
    ...(config.photoDecoder ? { photoDecoder: config.photoDecoder } : {}),
    ...(config.today ? { today: config.today } : {}),
    ...(config.pollIntervalMs !== undefined ? { pollIntervalMs: config.pollIntervalMs } : {}),
    ...(config.responseTimeoutMs !== undefined ? { responseTimeoutMs: config.responseTimeoutMs } : {}),
    ...(config.readTimeoutMs !== undefined ? { readTimeoutMs: config.readTimeoutMs } : {}),
  };
  switch (target.value.kind) {
    case 'none':
      return ok(new ManualEntryReader());
    case 'simulated': {
      let simulator = config.simulator;
      if (!simulator) {
        simulator = new ReaderSimulator({ replaceAfterRead: true, rotation: DEMO_ROTATION });
      }
      return ok(new SimulatedCardReader(simulator, common));
    }
    case 'serial': {
      const { path, baudRate } = target.value;
      const PortClass = config.SerialPortClass;
      return ok(
        new SamCardReader(() => openSerialStream(path, baudRate, PortClass), { target: `serial:${path}?baud=${baudRate}`, ...common }),
      );
    }
  }
}
