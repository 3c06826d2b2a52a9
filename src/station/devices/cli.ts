/**
 * The installer's device tool: `tsx src/station/devices/cli.ts <command>` (npm run devices -- <command>).
 * Every failure is one line on stderr and a non-zero exit code, never a stack trace: 1 for a device
 * problem, 2 for a command line it cannot understand.
 */
import { readFileSync } from 'node:fs';
import type { PrintDocument } from '../../domain/document';
import { isDeviceError } from './device-error';
import { cardView } from './idcard/card-view';
import { DEMO_CARD_HOLDERS } from './idcard/demo-people';
import { asResponse, parseFrameHex } from './idcard/frame';
import { createCardReader } from './idcard/open-reader';
import { runSimulatorOnPty } from './idcard/pty';
import { decodeReadResponse } from './idcard/reader';
import { ReaderSimulator } from './idcard/simulator';
import { SW3_OK, sw3Problem } from './idcard/sw3';
import { createReceiptPrinter } from './printer/receipt-printer';
import { decodeReceipt, TestPrinter } from './printer/test-printer';

const USAGE = `用法: devices <命令> [参数]
  printer-test <打印机>        查询状态后打印一张测试回执（中文、二维码、切纸）
  printer-status <打印机>      查询打印机状态
  read-card <读卡器> [--full] [--timeout 毫秒]   读身份证，输出 JSON（证件号码默认脱敏）
  decode-frame <十六进制|@文件> [--full]        解码抓到的读卡器应答帧
  simulate-reader [--person 0..${DEMO_CARD_HOLDERS.length - 1}]    在虚拟串口上运行模拟读卡器并输出其路径
  test-printer [--port 9100]   在本机回环地址上运行测试打印机，打印收到的内容
打印机: tcp://主机:9100 | serial:/dev/ttyUSB0?baud=9600 | usb:VID:PID | simulated
读卡器: serial:/dev/ttyUSB0 | /dev/ttyUSB0 | COM3 | simulated
选项: --width 58|80（纸宽，默认 80）`;

class UsageError extends Error {}
class Failure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--width', '--timeout', '--person', '--port']);

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] ?? '';
    if (a.startsWith('--')) {
      const [name = '', inline] = a.split('=', 2);
      if (VALUE_FLAGS.has(name)) {
        const value = inline ?? argv[(i += 1)];
        if (value === undefined) throw new UsageError(`${name} 需要一个值`);
        flags.set(name, value);
      } else if (name === '--full' || name === '--help') {
        flags.set(name, true);
      } else {
        throw new UsageError(`未知选项 ${name}`);
      }
    } else {
      positional.push(a);
    }
  }
  return { positional, flags };
}

function numberFlag(args: Args, name: string, fallback: number): number {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} 应为非负整数，收到 ${String(v)}`);
  return n;
}

function one(args: Args, what: string): string {
  const [first, ...rest] = args.positional;
  if (first === undefined) throw new UsageError(`缺少${what}`);
  if (rest.length > 0) throw new UsageError(`多余的参数：${rest.join(' ')}`);
  return first;
}

function paperWidth(args: Args): 58 | 80 {
  const w = numberFlag(args, '--width', 80);
  if (w !== 58 && w !== 80) throw new UsageError(`--width 应为 58 或 80，收到 ${w}`);
  return w;
}

const shanghaiNow = (): string => new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const print = (value: unknown): void => {
  process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}\n`);
};

function printerFrom(target: string, width: 58 | 80) {
  const made = createReceiptPrinter({ printer: target, width });
  if (!made.ok) throw new Failure(made.error.code, made.error.message);
  return made.value;
}

export function testReceipt(target: string, width: 58 | 80): PrintDocument {
  return {
    kind: 'test',
    reference: 'PRINTER-TEST',
    lines: [
      { kind: 'title', text: '打印测试' },
      { kind: 'heading', text: '泰山区政务服务中心' },
      { kind: 'pair', label: '打印机', value: target },
      { kind: 'pair', label: '纸宽', value: `${width} 毫米` },
      { kind: 'pair', label: '时间', value: shanghaiNow() },
      { kind: 'rule' },
      { kind: 'text', text: '中文打印测试：受理回执、补正告知书、容缺受理通知书。' },
      { kind: 'text', text: '全角符号：（）【】《》，。；：“”￥ 半角：()[]<>,.;:"$' },
      { kind: 'pair', label: '金额（¥ 印作 ￥）', value: '¥20.00' },
    ],
    qr: 'https://hall.example/devices/printer-test?能扫出此网址即正常',
    footer: [{ kind: 'text', text: '扫描二维码能读出网址即为正常', align: 'center' }],
  };
}

async function printerTest(args: Args): Promise<void> {
  const target = one(args, '打印机地址');
  const width = paperWidth(args);
  const printer = printerFrom(target, width);
  try {
    const health = await printer.status();
    if (health.problem) throw new Failure(health.problem.code, health.problem.message);
    for (const w of health.warnings) process.stderr.write(`提示: ${w.message}\n`);
    await printer.print(testReceipt(target, width));
    print(`测试回执已打印到 ${target}（状态正常，已切纸）`);
  } finally {
    await printer.close();
  }
}

async function printerStatus(args: Args): Promise<void> {
  const target = one(args, '打印机地址');
  const printer = printerFrom(target, paperWidth(args));
  try {
    const health = await printer.status();
    if (health.problem) throw new Failure(health.problem.code, health.problem.message);
    print(health);
  } finally {
    await printer.close();
  }
}

async function readCard(args: Args): Promise<void> {
  const target = one(args, '读卡器地址');
  const made = createCardReader({ reader: target });
  if (!made.ok) throw new Failure(made.error.code, made.error.message);
  const reader = made.value;
  try {
    const r = await reader.readCard({ timeoutMs: numberFlag(args, '--timeout', 10_000) });
    if (!r.ok) throw new Failure(r.error.code, r.error.message);
    print(cardView(r.value, args.flags.has('--full')));
  } finally {
    await reader.close();
  }
}

function decodeFrame(args: Args): void {
  if (args.positional.length === 0) throw new UsageError('缺少十六进制帧');
  const first = args.positional[0] ?? '';
  let hex: string;
  if (first.startsWith('@')) {
    try {
      hex = readFileSync(first.slice(1), 'utf8');
    } catch (e) {
      throw new Failure('FILE_UNREADABLE', `无法读取文件 ${first.slice(1)}（${e instanceof Error ? e.message : String(e)}）`);
    }
  } else {
    hex = args.positional.join('');
  }
  const frame = parseFrameHex(hex);
  if (!frame.ok) throw new Failure(frame.error.code, frame.error.message);
  const response = asResponse(frame.value.body);
  if (!response.ok) throw new Failure(response.error.code, response.error.message);
  if (response.value.sw3 !== SW3_OK) {
    const p = sw3Problem(response.value.sw3);
    throw new Failure(p.code, `不是成功的读卡应答：SW3=${String(p.details?.sw3)}，${p.message}`);
  }
  if (response.value.data.length < 4) throw new Failure('FRAME_NOT_A_CARD_READ', '这是一个成功应答，但不含身份证数据（不是“读文字和照片”的应答）');
  const read = decodeReadResponse(response.value);
  if (!read.ok) throw new Failure(read.error.code, read.error.message);
  print(cardView(read.value, args.flags.has('--full')));
}

const waitForSignal = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

async function simulateReader(args: Args): Promise<void> {
  const index = numberFlag(args, '--person', 0);
  const person = DEMO_CARD_HOLDERS[index];
  if (!person) throw new UsageError(`--person 应为 0..${DEMO_CARD_HOLDERS.length - 1}`);
  const simulator = new ReaderSimulator({ replaceAfterRead: true });
  simulator.place(person);
  const pty = await runSimulatorOnPty(simulator);
  print(pty.readerPath);
  process.stderr.write(`模拟读卡器已启动，卡上是合成人员 ${person.name}（${person.cardType}）。读卡：devices read-card ${pty.readerPath}；按 Ctrl+C 结束\n`);
  // Stop on Ctrl+C, or when the virtual serial line is gone (socat killed): a simulator left on a
  // dead pty would only spin on its hang-ups.
  const lineGone = pty.closed.then(() => true);
  const gone = await Promise.race([waitForSignal().then(() => false), lineGone]);
  await pty.stop();
  if (gone) throw new Error('虚拟串口已关闭（socat 已退出），模拟读卡器随之停止');
}

async function testPrinter(args: Args): Promise<void> {
  const printer = await TestPrinter.start({ port: numberFlag(args, '--port', 9100) });
  print(printer.target);
  process.stderr.write('测试打印机已启动，收到的回执会显示在这里；按 Ctrl+C 结束\n');
  let shown = 0;
  const show = async (): Promise<void> => {
    for (;;) {
      await printer.waitForJobs(shown + 1, 2 ** 31 - 1).catch(() => undefined);
      const job = printer.jobs[shown];
      if (!job) return;
      shown += 1;
      const d = decodeReceipt(job.bytes);
      print(`--- 回执 ${shown}${job.complete ? '' : '（不完整）'}：${job.bytes.length} 字节，切纸 ${d.cuts} 次，二维码 ${JSON.stringify(d.qr)}\n${d.text}`);
    }
  };
  void show();
  await waitForSignal();
  await printer.stop();
}

const COMMANDS: Record<string, (args: Args) => Promise<void> | void> = {
  'printer-test': printerTest,
  'printer-status': printerStatus,
  'read-card': readCard,
  'decode-frame': decodeFrame,
  'simulate-reader': simulateReader,
  'test-printer': testPrinter,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help') {
    print(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`devices: 未知命令 ${command}（可用：${Object.keys(COMMANDS).join('、')}）\n`);
    return 2;
  }
  try {
    const args = parseArgs(rest);
    if (args.flags.has('--help')) {
      print(USAGE);
      return 0;
    }
    await run(args);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`devices ${command}: ${e.message}\n`);
      return 2;
    }
    const code = e instanceof Failure || isDeviceError(e) ? e.code : 'UNEXPECTED';
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`devices ${command}: ${code} ${message.replace(/\s*\n\s*/gu, ' ')}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /devices[\\/]cli\.[cm]?[jt]s$/u.test(process.argv[1]);
if (invokedDirectly) {
  process.on('unhandledRejection', (e) => {
    process.stderr.write(`devices: UNEXPECTED ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
