import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEMO_FOREIGN_2017, DEMO_PERMIT, DEMO_RESIDENT } from '../../../src/station/devices/idcard/demo-people';
import { hasSocat } from '../../../src/station/devices/idcard/pty';
import { decodeReceipt, TestPrinter } from '../../../src/station/devices/printer/test-printer';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('../../fixtures/devices/read-response-permit.hex', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the device CLI the way an installer does: `npx tsx src/station/devices/cli.ts …`. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'src/station/devices/cli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One clear line, no stack trace. */
function expectOneLineFailure(run: Run, code: string): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^devices [a-z-]+: ${code} \\S`, 'u'));
  expect(run.stderr).not.toMatch(/\n\s+at /u);
}

let printer: TestPrinter;
beforeAll(async () => {
  printer = await TestPrinter.start();
});
afterAll(async () => {
  await printer.stop();
});

describe('devices printer-test and printer-status', () => {
  it('prints a test receipt with Chinese text, a QR code and a cut after a status query', async () => {
    printer.setStatus('healthy');
    const run = await cli('printer-test', printer.target, '--width', '58');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(printer.target);
    const [job] = await printer.waitForJobs(1);
    const decoded = decodeReceipt(job?.bytes ?? Buffer.alloc(0));
    expect(decoded.enlarged).toEqual(['打印测试']);
    expect(decoded.lines.join('')).toContain('中文打印测试：受理回执、补正告知书、容缺受理通知书。');
    expect(decoded.text).toContain('￥20.00');
    expect(decoded.qr).toEqual(['https://hall.example/devices/printer-test?能扫出此网址即正常']);
    expect(decoded.cuts).toBe(1);
  });

  it('shows the status of a ready printer as JSON', async () => {
    printer.setStatus('healthy');
    const run = await cli('printer-status', printer.target);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ready: true, problem: null, status: { bytes: [18, 18, 18, 18] } });
  });

  it('says in one line that the paper is out', async () => {
    printer.setStatus('paper-out');
    const before = printer.jobs.length;
    const run = await cli('printer-test', printer.target);
    expectOneLineFailure(run, 'PRINTER_PAPER_OUT');
    expect(run.stderr).toMatch(/缺纸/u);
    expect(printer.jobs).toHaveLength(before);
    printer.setStatus('healthy');
  });

  it('says in one line that nothing answers at the address', async () => {
    const gone = await TestPrinter.start();
    await gone.stop();
    expectOneLineFailure(await cli('printer-status', gone.target), 'PRINTER_UNREACHABLE');
  });

  it('explains an address it cannot read', async () => {
    expectOneLineFailure(await cli('printer-status', 'lpt1'), 'PRINTER_TARGET_INVALID');
  });
});

describe('devices decode-frame and read-card', () => {
  it('decodes a captured read answer with the ID number masked', async () => {
    const run = await cli('decode-frame', `@${fixture}`);
    expect(run.code).toBe(0);
    const card = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(card).toMatchObject({ cardType: 'permit', name: DEMO_PERMIT.name, masked: true, photo: { bytes: 1024, format: 'WLT' } });
    expect(card.idNumber).toBe('810000********0019');
    expect(run.stdout).not.toContain(DEMO_PERMIT.idNumber);
  });

  it('shows the full ID number with --full', async () => {
    const run = await cli('decode-frame', `@${fixture}`, '--full');
    expect(JSON.parse(run.stdout)).toMatchObject({ idNumber: DEMO_PERMIT.idNumber, address: DEMO_PERMIT.address, masked: false });
  });

  it('says in one line when the frame is a failed read', async () => {
    const run = await cli('decode-frame', 'AAAAAA9669000400004145');
    expectOneLineFailure(run, 'CARD_READ_FAILED');
    expect(run.stderr).toContain('SW3=41');
  });

  it('says in one line when the frame is broken or not hex', async () => {
    expectOneLineFailure(await cli('decode-frame', 'AAAAAA9669000400009095'), 'FRAME_CHECKSUM');
    expectOneLineFailure(await cli('decode-frame', 'hello'), 'FRAME_HEX_INVALID');
  });

  it('reads the card of the simulated reader as masked JSON', async () => {
    const run = await cli('read-card', 'simulated');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: DEMO_RESIDENT.name, idNumber: '370902********0021', address: '山东省泰安市****' });
  });

  it('says in one line that a reader is not plugged in', async () => {
    expectOneLineFailure(await cli('read-card', '/dev/ttyNO-SUCH-READER', '--timeout', '300'), 'READER_NOT_CONNECTED');
  });

  it('answers an unknown command with usage exit code 2', async () => {
    const run = await cli('print-everything');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

/** Starts `devices simulate-reader` (one node process, not npx, so a signal reaches it); killed when the test ends. */
function startSimulator() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/station/devices/cli.ts', 'simulate-reader', '--person', '3'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Even when the test fails or times out: a simulator left behind would hold a pty for ever.
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const path = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`simulate-reader exited with ${String(code)}: ${stderr}`)));
  });
  return { child, path, stderr: () => stderr };
}

describe.skipIf(!hasSocat())('devices simulate-reader (needs socat)', () => {
  it('prints the path of a pty that read-card reads a card from, and stops on SIGTERM', async () => {
    const { child, path: started } = startSimulator();
    try {
      const path = await started;
      expect(path).toMatch(/^\/dev\/pts\/\d+$/u);
      const run = await cli('read-card', path, '--full');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ cardType: 'foreign2017', name: DEMO_FOREIGN_2017.name, idNumber: DEMO_FOREIGN_2017.idNumber });
    } finally {
      // A simulator that already stopped (it should not have) is reported, not waited for.
      const exited =
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve(child.exitCode)
          : new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 60_000);

  it('stops with a message, not spinning, when its virtual serial line is gone (socat killed)', async () => {
    const { child, path, stderr } = startSimulator();
    await path;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // The simulator's own socat, found by its parent.
    const socat = spawnSync('pgrep', ['-P', String(child.pid), 'socat'], { encoding: 'utf8' }).stdout.trim();
    expect(socat).toMatch(/^\d+$/u);
    process.kill(Number(socat), 'SIGKILL');
    expect(await exited).not.toBe(0);
    expect(stderr()).toContain('虚拟串口已关闭');
  }, 60_000);
});
