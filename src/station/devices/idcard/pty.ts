import { spawn, spawnSync } from 'node:child_process';
import { SerialPort } from 'serialport';
import { DeviceError } from '../device-error';
import { openSerialStream, READER_BAUD, type ReaderPortClass } from './open-reader';
import type { ReaderSimulator } from './simulator';

export interface PtyPair {
  /** The end the simulator holds. */
  simulatorPath: string;
  /** The end a reader driver opens, as if it were /dev/ttyUSB0. */
  readerPath: string;
  /** Settles when socat is gone, whoever stopped it: nothing links the two ends any more. */
  closed: Promise<void>;
  stop(): Promise<void>;
}

export function hasSocat(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** Two linked pseudo-terminals from socat: bytes written to one come out of the other. */
export function startPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  if (!hasSocat()) {
    return Promise.reject(new DeviceError('SOCAT_NOT_FOUND', '模拟读卡器需要 socat 创建虚拟串口，请先安装 socat（如 apt-get install socat）'));
  }
  return new Promise((resolve, reject) => {
    const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const paths: string[] = [];
    let log = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new DeviceError('PTY_START_FAILED', `socat 未能在 ${timeoutMs} 毫秒内建立虚拟串口：${log.trim()}`));
    }, timeoutMs);
    const closed = new Promise<void>((done) => child.once('exit', () => done()));
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill();
      });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      log += text;
      for (const m of text.matchAll(/PTY is (\S+)/gu)) if (m[1]) paths.push(m[1]);
      if (/starting data transfer loop/u.test(log) && paths.length >= 2) {
        clearTimeout(timer);
        const [simulatorPath = '', readerPath = ''] = paths;
        resolve({ simulatorPath, readerPath, closed, stop });
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new DeviceError('PTY_START_FAILED', `无法启动 socat：${err.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new DeviceError('PTY_START_FAILED', `socat 退出（${String(code)}）：${log.trim()}`));
    });
  });
}

export interface PtySimulator {
  readerPath: string;
  /** Settles if the pty pair goes away under the simulator (socat killed): it should stop then. */
  closed: Promise<void>;
  stop(): Promise<void>;
}

/** Runs the simulator on one end of a pty pair; a reader driver opens `readerPath`. */
export async function runSimulatorOnPty(simulator: ReaderSimulator): Promise<PtySimulator> {
  const pair = await startPtyPair();
  const port = await openSerialStream(pair.simulatorPath, READER_BAUD, SerialPort as unknown as ReaderPortClass);
  const detach = simulator.attachToStream(port);
  return {
    readerPath: pair.readerPath,
    closed: pair.closed,
    stop: async () => {
      detach();
      await new Promise<void>((resolve) => {
        if (port.destroyed) return resolve();
        // A pty whose other end is already gone may never say 'close': do not wait on it for ever.
        const timer = setTimeout(resolve, 2000);
        port.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        port.destroy();
      });
      await pair.stop();
    },
  };
}
