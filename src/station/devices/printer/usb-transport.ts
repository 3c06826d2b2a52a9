import { DeviceError } from '../device-error';
import { OneAtATime } from '../one-at-a-time';
import { statusQuery } from './commands';
import { parsePrinterStatus, type PrinterStatus } from './status';
import { STATUS_TIMEOUT_MS } from './stream-link';
import type { PrinterTarget, PrinterTransport } from './transport';

import type * as UsbNamespace from 'usb';
import type { InEndpoint, OutEndpoint } from 'usb';

// Types only: the native module is loaded on first use, so a station without it still starts.
type UsbModule = typeof UsbNamespace;
type UsbDevice = NonNullable<ReturnType<UsbModule['findByIds']>>;
type UsbInterface = NonNullable<UsbDevice['interfaces']>[number];

/** USB class 7 is "printer"; thermal printers put a bulk OUT (and usually bulk IN) endpoint on it. */
const USB_CLASS_PRINTER = 7;
const LIBUSB_TRANSFER_TYPE_BULK = 2;

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/**
 * A USB printer through libusb (the `usb` package, prebuilt native module). On Windows the printer
 * must use the WinUSB driver (Zadig) rather than the vendor's print spooler driver to be reached here.
 */
export class UsbPrinterTransport implements PrinterTransport {
  readonly target: string;
  private device: UsbDevice | null = null;
  private iface: UsbInterface | null = null;
  private out: OutEndpoint | null = null;
  private in: InEndpoint | null = null;
  private readonly queue = new OneAtATime();

  constructor(private readonly address: Extract<PrinterTarget, { kind: 'usb' }>) {
    this.target = `usb:${hex4(address.vendorId)}:${hex4(address.productId)}`;
  }

  send(bytes: Buffer): Promise<void> {
    return this.queue.run(async () => {
      const { out } = await this.opened();
      await this.transferOut(out, bytes);
    });
  }

  queryStatus(): Promise<PrinterStatus> {
    return this.queue.run(async () => {
      const { out, in: inEp } = await this.opened();
      if (!inEp) {
        throw new DeviceError('PRINTER_STATUS_UNSUPPORTED', `USB 打印机 ${this.target} 没有输入端点，无法查询状态`, { target: this.target });
      }
      const replies: number[] = [];
      for (const n of [1, 2, 3, 4] as const) {
        await this.transferOut(out, statusQuery(n));
        inEp.timeout = STATUS_TIMEOUT_MS;
        let reply: Buffer | undefined;
        try {
          reply = await inEp.transferAsync(64);
        } catch (e) {
          throw new DeviceError('PRINTER_STATUS_TIMEOUT', `USB 打印机 ${this.target} 未应答状态查询（DLE EOT ${n}）`, {
            target: this.target,
            cause: e instanceof Error ? e.message : String(e),
          });
        }
        const b = reply?.[reply.length - 1];
        if (b === undefined) throw new DeviceError('PRINTER_STATUS_TIMEOUT', `USB 打印机 ${this.target} 未应答状态查询（DLE EOT ${n}）`, { target: this.target });
        replies.push(b);
      }
      const parsed = parsePrinterStatus(replies);
      if (!parsed.ok) throw new DeviceError(parsed.error.code, parsed.error.message, { target: this.target });
      return parsed.value;
    });
  }

  close(): Promise<void> {
    return this.queue.run(async () => {
      const { device, iface } = this;
      this.device = null;
      this.iface = null;
      this.out = null;
      this.in = null;
      try {
        if (iface) await iface.releaseAsync();
      } finally {
        device?.close();
      }
    });
  }

  private async transferOut(out: OutEndpoint, bytes: Buffer): Promise<void> {
    try {
      await out.transferAsync(bytes);
    } catch (e) {
      await this.close().catch(() => undefined);
      throw new DeviceError('PRINTER_CONNECTION_LOST', `向 USB 打印机 ${this.target} 发送数据失败（${e instanceof Error ? e.message : String(e)}），请检查 USB 线`, {
        target: this.target,
      });
    }
  }

  private async opened(): Promise<{ out: OutEndpoint; in: InEndpoint | null }> {
    if (this.device && this.out) return { out: this.out, in: this.in };
    let usb: UsbModule;
    try {
      usb = await import('usb');
    } catch (e) {
      throw new DeviceError(
        'PRINTER_TRANSPORT_UNSUPPORTED',
        `本机无法使用 USB 打印机 ${this.target}：未能加载 usb 模块（${e instanceof Error ? e.message : String(e)}）。请安装 usb 包（npm install usb），或改用网络/串口连接`,
        { target: this.target },
      );
    }
    const device = usb.findByIds(this.address.vendorId, this.address.productId);
    if (!device) {
      throw new DeviceError('PRINTER_NOT_FOUND', `未找到 USB 打印机 ${this.target}，请检查 USB 线和打印机电源`, { target: this.target });
    }
    try {
      device.open();
      const ifaces = device.interfaces ?? [];
      const iface = ifaces.find((i) => i.descriptor.bInterfaceClass === USB_CLASS_PRINTER) ?? ifaces[0];
      if (!iface) throw new Error('no interface');
      // On Linux the usblp kernel driver holds the printer interface until it is detached.
      if (process.platform === 'linux' && iface.isKernelDriverActive()) iface.detachKernelDriver();
      iface.claim();
      const bulk = iface.endpoints.filter((e) => e.transferType === LIBUSB_TRANSFER_TYPE_BULK);
      const out = bulk.find((e): e is OutEndpoint => e.direction === 'out');
      const inEp = bulk.find((e): e is InEndpoint => e.direction === 'in') ?? null;
      if (!out) throw new Error('no bulk OUT endpoint');
      this.device = device;
      this.iface = iface;
      this.out = out;
      this.in = inEp;
      return { out, in: inEp };
    } catch (e) {
      try {
        device.close();
      } catch {
        // already closed
      }
      throw new DeviceError('PRINTER_UNREACHABLE', `无法打开 USB 打印机 ${this.target}（${e instanceof Error ? e.message : String(e)}）`, { target: this.target });
    }
  }
}
