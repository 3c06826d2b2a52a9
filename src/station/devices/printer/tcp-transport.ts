import net from 'node:net';
import { DeviceError } from '../device-error';
import { OneAtATime } from '../one-at-a-time';
import type { PrinterStatus } from './status';
import { StreamPrinterLink, STATUS_TIMEOUT_MS } from './stream-link';
import type { PrinterTarget, PrinterTransport } from './transport';

export interface TcpPrinterOptions {
  connectTimeoutMs?: number;
  statusTimeoutMs?: number;
  /** A network printer serves one client at a time: an idle connection is let go after this long. */
  idleCloseMs?: number;
}

const CONNECT_REASONS: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝，打印机未开机或端口不是 9100',
  ECONNRESET: '打印机重置了连接，可能正被另一台电脑占用',
  ETIMEDOUT: '连接超时',
  EHOSTUNREACH: '网络不可达',
  ENETUNREACH: '网络不可达',
  ENOTFOUND: '找不到该主机名',
  EAI_AGAIN: '主机名暂时无法解析',
};

/** Raw TCP printing on port 9100 ("JetDirect"): connect, write, wait for drain, status on the same socket. */
export class TcpPrinterTransport implements PrinterTransport {
  readonly target: string;
  private link: StreamPrinterLink | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly queue = new OneAtATime();
  private readonly connectTimeoutMs: number;
  private readonly statusTimeoutMs: number;
  private readonly idleCloseMs: number;

  constructor(
    private readonly address: Extract<PrinterTarget, { kind: 'tcp' }>,
    opts: TcpPrinterOptions = {},
  ) {
    this.target = `tcp://${address.host}:${address.port}`;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 3000;
    this.statusTimeoutMs = opts.statusTimeoutMs ?? STATUS_TIMEOUT_MS;
    this.idleCloseMs = opts.idleCloseMs ?? 5000;
  }

  send(bytes: Buffer): Promise<void> {
    return this.queue.run(async () => {
      const link = await this.connected();
      await link.write(bytes);
      this.armIdle();
    });
  }

  queryStatus(): Promise<PrinterStatus> {
    return this.queue.run(async () => {
      const link = await this.connected();
      try {
        return await link.queryStatus(this.statusTimeoutMs);
      } finally {
        this.armIdle();
      }
    });
  }

  close(): Promise<void> {
    return this.queue.run(() => this.disconnect());
  }

  private armIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), this.idleCloseMs);
    this.idleTimer.unref();
  }

  private async disconnect(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const link = this.link;
    this.link = null;
    if (link) await link.end();
  }

  private async connected(): Promise<StreamPrinterLink> {
    if (this.link?.isOpen) return this.link;
    if (this.link) await this.disconnect();
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: this.address.host, port: this.address.port });
      s.setNoDelay(true);
      const timer = setTimeout(() => {
        s.destroy();
        reject(this.unreachable('ETIMEDOUT'));
      }, this.connectTimeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(this.unreachable(err.code ?? err.message));
      });
    });
    this.link = new StreamPrinterLink(socket, this.target);
    return this.link;
  }

  private unreachable(code: string): DeviceError {
    const why = CONNECT_REASONS[code] ?? code;
    return new DeviceError('PRINTER_UNREACHABLE', `无法连接打印机 ${this.target}：${why}。请检查打印机电源、网线和 IP 地址`, {
      target: this.target,
      cause: code,
    });
  }
}
