import net from 'node:net';
import { decodeReceipt, type DecodedReceipt } from './decode';
import { SIMULATED_STATES, type SimulatedPrinterState } from './receipt-printer';

export { decodeReceipt, type DecodedReceipt, type DecodedLine } from './decode';

export type StatusBytes = readonly [number, number, number, number];

export interface TestPrinterBehaviour {
  /** Drop every new connection at once (a printer that resets the socket). */
  refuse: boolean;
  /** Close the connection after this many job bytes (power cut, cable pulled mid-job). */
  closeAfterBytes: number | null;
  /** Answer status queries this much later (a slow or busy printer). */
  replyDelayMs: number;
  /** Never answer status queries (a printer without real-time status). */
  silent: boolean;
}

export interface TestPrinterJob {
  bytes: Buffer;
  /** False when the connection was cut before the client finished. */
  complete: boolean;
}

/**
 * A network thermal printer on loopback for tests, e2e and the device CLI: it accepts one client at a
 * time (others wait, as on a real printer), answers `DLE EOT n` with configurable status bytes and
 * records the bytes of every job, one job per connection.
 */
export class TestPrinter {
  readonly host = '127.0.0.1';
  readonly jobs: TestPrinterJob[] = [];
  statusQueries = 0;
  connections = 0;
  private status: StatusBytes = SIMULATED_STATES.healthy;
  private behaviour: TestPrinterBehaviour = { refuse: false, closeAfterBytes: null, replyDelayMs: 0, silent: false };
  private active: net.Socket | null = null;
  private readonly waiting: net.Socket[] = [];
  private readonly sockets = new Set<net.Socket>();
  private jobListeners: (() => void)[] = [];

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(opts: { port?: number; status?: SimulatedPrinterState | StatusBytes } = {}): Promise<TestPrinter> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('test printer has no TCP address');
    const printer = new TestPrinter(server, address.port);
    if (opts.status !== undefined) printer.setStatus(opts.status);
    server.on('connection', (socket) => printer.accept(socket));
    return printer;
  }

  get target(): string {
    return `tcp://${this.host}:${this.port}`;
  }

  setStatus(status: SimulatedPrinterState | StatusBytes): void {
    this.status = typeof status === 'string' ? SIMULATED_STATES[status] : status;
  }

  behave(change: Partial<TestPrinterBehaviour>): void {
    this.behaviour = { ...this.behaviour, ...change };
  }

  /** The complete jobs received so far. */
  completeJobs(): Buffer[] {
    return this.jobs.filter((j) => j.complete).map((j) => j.bytes);
  }

  lastJob(): DecodedReceipt | null {
    const last = this.jobs[this.jobs.length - 1];
    return last ? decodeReceipt(last.bytes) : null;
  }

  /** Resolves once `count` jobs (complete or cut) have been recorded. */
  waitForJobs(count: number, timeoutMs = 5000): Promise<TestPrinterJob[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.jobs.length >= count) {
          clearTimeout(timer);
          this.jobListeners = this.jobListeners.filter((l) => l !== check);
          resolve(this.jobs.slice());
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.jobListeners = this.jobListeners.filter((l) => l !== check);
        reject(new Error(`test printer: ${this.jobs.length} of ${count} jobs after ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.jobListeners.push(check);
    });
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.connections += 1;
    if (this.behaviour.refuse) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    if (this.active) {
      // A network printer serves one client; the next one's bytes wait in the TCP buffers.
      socket.pause();
      this.waiting.push(socket);
      socket.on('close', () => {
        const k = this.waiting.indexOf(socket);
        if (k >= 0) this.waiting.splice(k, 1);
      });
      return;
    }
    this.serve(socket);
  }

  private serve(socket: net.Socket): void {
    this.active = socket;
    const data: number[] = [];
    let escape: number[] = [];
    let cut = false;
    socket.on('data', (chunk: Buffer) => {
      for (const b of chunk) {
        if (cut) return;
        // Real-time commands are taken out of the stream as they arrive, even between job bytes.
        if (escape.length === 0 && b === 0x10) {
          escape = [b];
          continue;
        }
        if (escape.length === 1) {
          if (b === 0x04) {
            escape.push(b);
            continue;
          }
          data.push(...escape);
          escape = [];
        } else if (escape.length === 2) {
          escape = [];
          this.answerStatus(socket, b);
          continue;
        }
        data.push(b);
        if (this.behaviour.closeAfterBytes !== null && data.length >= this.behaviour.closeAfterBytes) {
          cut = true;
          socket.destroy();
          return;
        }
      }
    });
    socket.on('close', () => {
      if (data.length > 0) {
        this.jobs.push({ bytes: Buffer.from(data), complete: !cut });
        for (const l of this.jobListeners.slice()) l();
      }
      this.active = null;
      const next = this.waiting.shift();
      if (next) {
        this.serve(next);
        next.resume();
      }
    });
  }

  private answerStatus(socket: net.Socket, n: number): void {
    this.statusQueries += 1;
    if (this.behaviour.silent) return;
    const reply = this.status[n - 1];
    if (reply === undefined) return;
    const send = () => {
      if (!socket.destroyed) socket.write(Buffer.from([reply]));
    };
    if (this.behaviour.replyDelayMs > 0) setTimeout(send, this.behaviour.replyDelayMs);
    else send();
  }
}
