import type { StationHandlers } from '../../contract/station-api';
import type { PrintDocument } from '../../domain/document';
import { DomainFailure } from '../../domain/result';
import type { StationContext } from '../context';
import type { DeviceSettings } from '../devices';
import { printNew } from './printing';

export const DEVICE_SETTINGS_KEY = 'devices';

/** The installer's test receipt: Chinese text, a 4-byte character replaced visibly, a QR code, a cut. */
export function testPage(stationId: string, at: Date): PrintDocument {
  return {
    kind: 'test',
    reference: `TEST-${at.toISOString().slice(0, 19)}`,
    lines: [
      { kind: 'title', text: '打印测试' },
      { kind: 'text', text: '泰山区政务服务中心', align: 'center' },
      { kind: 'rule' },
      { kind: 'pair', label: '工作站', value: stationId },
      { kind: 'pair', label: '时间', value: at.toISOString() },
      { kind: 'text', text: '中文：受理通知书 补正材料通知书 ¥100' },
    ],
    qr: `station:${stationId}`,
  };
}

export function devicesHandlers(ctx: StationContext): Pick<StationHandlers, 'devices.status' | 'devices.configure' | 'devices.testPrint' | 'devices.testRead'> {
  return {
    async 'devices.status'() {
      return ctx.devices.status();
    },
    async 'devices.configure'(args) {
      await ctx.devices.configure(args);
      const saved: DeviceSettings = ctx.devices.settings;
      ctx.store.settings.set(DEVICE_SETTINGS_KEY, saved);
      const status = await ctx.devices.status();
      ctx.emit({ type: 'devices', status });
      return status;
    },
    async 'devices.testPrint'() {
      return printNew(ctx, testPage(ctx.config.stationId, ctx.now()), null, null);
    },
    async 'devices.testRead'() {
      const r = await ctx.devices.reader.readCard({ timeoutMs: 10_000 });
      if (!r.ok) throw new DomainFailure(r.error.code, r.error.message, r.error.details);
      return r.value.holder;
    },
  };
}
