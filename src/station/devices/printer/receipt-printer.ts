import type { PrintDocument } from '../../../domain/document';
import { fail, ok, type Result } from '../../../domain/result';
import { DeviceError, asDeviceError, type DeviceProblem } from '../device-error';
import { OneAtATime } from '../one-at-a-time';
import { renderReceipt, type PaperWidth } from './render';
import { HEALTHY_STATUS_BYTE, parsePrinterStatus, printerProblem, printerWarnings, type PrinterStatus } from './status';
import {
  openPrinterTransport,
  parsePrinterTarget,
  type PrinterTarget,
  type PrinterTransport,
  type TransportOptions,
} from './transport';

export interface PrinterHealth {
  /** The configured target ("tcp://10.0.3.21:9100", "simulated", "none"). */
  target: string;
  /** True when a job would print now. */
  ready: boolean;
  /** The last status read, or null when the printer could not be asked. */
  status: PrinterStatus | null;
  /** What stops printing (no connection, paper out, ...), with a Chinese message for the clerk. */
  problem: DeviceProblem | null;
  /** Conditions that do not stop printing (paper near end). */
  warnings: DeviceProblem[];
}

/**
 * The station's receipt printer. print() resolves once the printer has taken the whole job and
 * reported no problem afterwards; it rejects with a DeviceError (code + Chinese message) otherwise,
 * with `details.stage` telling whether anything may have come out ('before': nothing was sent).
 */
export interface ReceiptPrinter {
  status(): Promise<PrinterHealth>;
  print(doc: PrintDocument): Promise<void>;
  close(): Promise<void>;
}

export interface EscPosPrinterOptions {
  width: PaperWidth;
}

/** A real ESC/POS printer over a transport: status, job, status, let go of the connection. */
export class EscPosReceiptPrinter implements ReceiptPrinter {
  private readonly jobs = new OneAtATime();

  constructor(
    private readonly transport: PrinterTransport,
    private readonly opts: EscPosPrinterOptions,
  ) {}

  status(): Promise<PrinterHealth> {
    return this.jobs.run(async () => {
      try {
        const status = await this.transport.queryStatus();
        const problem = printerProblem(status);
        return { target: this.transport.target, ready: problem === null, status, problem, warnings: printerWarnings(status) };
      } catch (e) {
        const problem = asDeviceError(e, 'PRINTER_UNREACHABLE', `无法查询打印机 ${this.transport.target} 的状态`).toProblem();
        return { target: this.transport.target, ready: false, status: null, problem, warnings: [] };
      } finally {
        await this.transport.close?.().catch(() => undefined);
      }
    });
  }

  print(doc: PrintDocument): Promise<void> {
    const bytes = renderReceipt(doc, { width: this.opts.width });
    return this.jobs.run(async () => {
      let stage: 'before' | 'sending' | 'after' = 'before';
      try {
        this.check(await this.transport.queryStatus(), stage);
        stage = 'sending';
        await this.transport.send(bytes);
        stage = 'after';
        // Paper can run out or the cover open during the job: the status after it tells.
        this.check(await this.transport.queryStatus(), stage);
      } catch (e) {
        const err = asDeviceError(e, 'PRINTER_ERROR', `打印机 ${this.transport.target} 打印失败`);
        throw new DeviceError(err.code, err.message, { ...err.details, target: this.transport.target, stage, reference: doc.reference });
      } finally {
        await this.transport.close?.().catch(() => undefined);
      }
    });
  }

  async close(): Promise<void> {
    await this.transport.close?.();
  }

  private check(status: PrinterStatus, stage: 'before' | 'after'): void {
    const problem = printerProblem(status);
    if (problem) {
      const message = stage === 'after' ? `${problem.message}（本张回执可能未打完，处理后请重打）` : problem.message;
      throw new DeviceError(problem.code, message, { status: status.bytes });
    }
  }
}

export interface SimulatedJob {
  doc: PrintDocument;
  bytes: Buffer;
  at: Date;
}

const HEALTHY: [number, number, number, number] = [HEALTHY_STATUS_BYTE, HEALTHY_STATUS_BYTE, HEALTHY_STATUS_BYTE, HEALTHY_STATUS_BYTE];

/** Status replies of a simulated printer in a given state, as a real one would send them. */
export const SIMULATED_STATES = {
  healthy: HEALTHY,
  'paper-out': [0x1a, 0x32, 0x12, 0x72],
  'cover-open': [0x1a, 0x16, 0x12, 0x12],
  'paper-near-end': [0x12, 0x12, 0x12, 0x1e],
  offline: [0x1a, 0x12, 0x12, 0x12],
} as const satisfies Record<string, readonly [number, number, number, number]>;

export type SimulatedPrinterState = keyof typeof SIMULATED_STATES;

/**
 * The printer for demos and tests without hardware: renders every job as the real printer would,
 * records it, and can be put into a failing state.
 */
export class SimulatedPrinter implements ReceiptPrinter {
  readonly jobs: SimulatedJob[] = [];
  private state: SimulatedPrinterState = 'healthy';
  private unreachable = false;
  private failNextCount = 0;

  constructor(private readonly width: PaperWidth = 80) {}

  /** Puts the printer in a state: 'paper-out' makes every job fail with PRINTER_PAPER_OUT until reset. */
  setState(state: SimulatedPrinterState): void {
    this.state = state;
  }

  /** Makes the printer unreachable (switched off, cable pulled) or reachable again. */
  setUnreachable(unreachable: boolean): void {
    this.unreachable = unreachable;
  }

  /** The next `count` jobs fail as if the connection dropped mid-job. */
  failNext(count = 1): void {
    this.failNextCount = count;
  }

  private currentStatus(): PrinterStatus {
    const parsed = parsePrinterStatus(SIMULATED_STATES[this.state]);
    if (!parsed.ok) throw new Error(`simulated state ${this.state} has invalid status bytes`);
    return parsed.value;
  }

  async status(): Promise<PrinterHealth> {
    if (this.unreachable) {
      return { target: 'simulated', ready: false, status: null, problem: unreachableProblem(), warnings: [] };
    }
    const status = this.currentStatus();
    const problem = printerProblem(status);
    return { target: 'simulated', ready: problem === null, status, problem, warnings: printerWarnings(status) };
  }

  async print(doc: PrintDocument): Promise<void> {
    const bytes = renderReceipt(doc, { width: this.width });
    if (this.unreachable) throw new DeviceError(unreachableProblem().code, unreachableProblem().message, { target: 'simulated', stage: 'before' });
    const problem = printerProblem(this.currentStatus());
    if (problem) throw new DeviceError(problem.code, problem.message, { target: 'simulated', stage: 'before', reference: doc.reference });
    if (this.failNextCount > 0) {
      this.failNextCount -= 1;
      throw new DeviceError('PRINTER_CONNECTION_LOST', '与打印机 simulated 的连接中断，本张回执可能未打完，请检查打印机后重打', {
        target: 'simulated',
        stage: 'after',
        reference: doc.reference,
      });
    }
    this.jobs.push({ doc, bytes, at: new Date() });
  }

  async close(): Promise<void> {}
}

const unreachableProblem = (): DeviceProblem => ({ code: 'PRINTER_UNREACHABLE', message: '无法连接打印机 simulated，请检查打印机电源和连接' });

/** The station has no receipt printer: status says so, print refuses with PRINTER_NOT_CONFIGURED. */
export class NoReceiptPrinter implements ReceiptPrinter {
  private readonly problem: DeviceProblem = { code: 'PRINTER_NOT_CONFIGURED', message: '本工作站未配置回执打印机，请在设置中填写打印机地址' };

  async status(): Promise<PrinterHealth> {
    return { target: 'none', ready: false, status: null, problem: this.problem, warnings: [] };
  }

  async print(doc: PrintDocument): Promise<void> {
    throw new DeviceError(this.problem.code, this.problem.message, { target: 'none', stage: 'before', reference: doc.reference });
  }

  async close(): Promise<void> {}
}

export interface ReceiptPrinterConfig {
  /** 'tcp://host:9100' | 'serial:/dev/ttyUSB0?baud=9600' | 'usb:VID:PID' | 'simulated' | 'none' */
  printer: string | PrinterTarget;
  width?: PaperWidth;
  transport?: TransportOptions;
}

/** Chooses the printer implementation from the station's configuration. */
export function createReceiptPrinter(config: ReceiptPrinterConfig): Result<ReceiptPrinter> {
  const target = typeof config.printer === 'string' ? parsePrinterTarget(config.printer) : ok(config.printer);
  if (!target.ok) return target;
  const width = config.width ?? 80;
  if (width !== 58 && width !== 80) return fail('PRINTER_WIDTH_INVALID', `纸宽应为 58 或 80 毫米，配置为 ${String(width)}`);
  switch (target.value.kind) {
    case 'simulated':
      return ok(new SimulatedPrinter(width));
    case 'none':
      return ok(new NoReceiptPrinter());
    default:
      return ok(new EscPosReceiptPrinter(openPrinterTransport(target.value, config.transport), { width }));
  }
}
