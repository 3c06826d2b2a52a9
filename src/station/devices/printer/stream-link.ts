import type { Duplex } from 'node:stream';
import { DeviceError } from '../device-error';
import { statusQuery } from './commands';
import { parsePrinterStatus, type PrinterStatus } from './status';

/** A status reply comes back at once; half a second covers a busy printer on a slow network. */
export const STATUS_TIMEOUT_MS = 500;

/**
 * One open byte stream to a printer (a TCP socket or a serial port): writes that resolve once the
 * bytes have left, and `DLE EOT` status replies read back on the same stream.
 */
export class StreamPrinterLink {
  private received: number[] = [];
  private waiter: (() => void) | null = null;
  private lost: DeviceError | null = null;

  constructor(
    private readonly stream: Duplex,
    private readonly target: string,
    /** Waits until the bytes have physically gone out (serial drain); TCP only needs the write callback. */
    private readonly drain?: () => Promise<void>,
  ) {
    stream.on('data', (chunk: Buffer) => {
      for (const b of chunk) this.received.push(b);
      this.wake();
    });
    const onGone = (err?: Error) => {
      if (this.lost) return;
      const cause = err?.message ?? 'closed';
      this.lost = new DeviceError('PRINTER_CONNECTION_LOST', `与打印机 ${target} 的连接中断（${cause}），本张回执可能未打完，请检查打印机后重打`, {
        target,
        cause,
      });
      this.wake();
    };
    stream.on('error', onGone);
    stream.on('close', () => onGone());
    stream.on('end', () => onGone());
  }

  get isOpen(): boolean {
    return this.lost === null;
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  async write(bytes: Buffer): Promise<void> {
    if (this.lost) throw this.lost;
    await new Promise<void>((resolve, reject) => {
      this.stream.write(bytes, (err) => {
        if (err) reject(this.lost ?? new DeviceError('PRINTER_CONNECTION_LOST', `向打印机 ${this.target} 发送数据失败（${err.message}）`, { target: this.target }));
        else resolve();
      });
    });
    if (this.drain) await this.drain();
    if (this.lost) throw this.lost;
  }

  private async readByte(timeoutMs: number, query: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const b = this.received.shift();
      if (b !== undefined) return b;
      if (this.lost) throw this.lost;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new DeviceError('PRINTER_STATUS_TIMEOUT', `打印机 ${this.target} 未应答状态查询（DLE EOT ${query}），请检查打印机电源和连接`, {
          target: this.target,
          query,
        });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Asks `DLE EOT 1..4` one after the other; each reply is one byte. */
  async queryStatus(timeoutMs = STATUS_TIMEOUT_MS): Promise<PrinterStatus> {
    // Bytes the printer sent on its own (automatic status back) are not replies to our queries.
    this.received = [];
    const replies: number[] = [];
    for (const n of [1, 2, 3, 4] as const) {
      await this.write(statusQuery(n));
      replies.push(await this.readByte(timeoutMs, n));
    }
    const parsed = parsePrinterStatus(replies);
    if (!parsed.ok) throw new DeviceError(parsed.error.code, parsed.error.message, { target: this.target, ...parsed.error.details });
    return parsed.value;
  }

  /** Half-closes politely so the printer takes the last bytes, then frees the one client slot. */
  async end(timeoutMs = 1000): Promise<void> {
    if (this.stream.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.stream.destroy();
        resolve();
      }, timeoutMs);
      this.stream.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.stream.end();
    });
  }

  destroy(): void {
    this.stream.destroy();
  }
}
