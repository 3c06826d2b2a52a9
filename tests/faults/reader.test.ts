/**
 * ID-card reader faults in any order, on ONE driver instance over a serial port (SerialPortMock with
 * the reader simulator behind it). Each fault alone — its code, its message, the next read working —
 * is proven in tests/integration/devices/idcard-reader.test.ts, with a fuzz of the "read" answer.
 * What is left to prove: the driver recovers from any sequence of them without a restart, a fault
 * never leaks into the read after it (no stale bytes, no stuck state, no piling listeners).
 */
import fc from 'fast-check';
import { SerialPortMock } from 'serialport';
import { describe, expect, it } from 'vitest';
import { DEMO_CARD_HOLDERS } from '../../src/station/devices/idcard/demo-people';
import { createCardReader, type ReaderPortClass } from '../../src/station/devices/idcard/open-reader';
import type { CommandName } from '../../src/station/devices/idcard/frame';
import type { ReaderFault } from '../../src/station/devices/idcard/simulator';
import { ReaderSimulator } from '../../src/station/devices/idcard/simulator';
import { mockPortPath, onMockWrite } from '../fixtures/devices/mock-serial';
import { rounds } from './support/rounds';

type Step =
  | { kind: 'fault'; fault: ReaderFault; on?: CommandName }
  | { kind: 'unplug-mid-read' }
  | { kind: 'unplug-between' }
  | { kind: 'garbage-burst'; bytes: number[] };

/** What each fault answers, when the simulator is told to do it. */
const EXPECTED: Record<string, string[]> = {
  'bad-checksum': ['READER_CHECKSUM'],
  truncate: ['READER_TRUNCATED', 'READER_TIMEOUT'],
  silence: ['READER_TIMEOUT'],
  'lift-mid-read': ['CARD_READ_FAILED'],
  'select-fail': ['CARD_SELECT_FAILED'],
};

function serialReader(sim: ReaderSimulator) {
  const path = mockPortPath('reader-faults');
  const device = { plugged: true, ports: [] as SerialPortMock[], subscriptions: 0 };
  const PortClass = class extends SerialPortMock {
    constructor(opts: { path: string; baudRate: number; autoOpen: boolean }) {
      super(opts);
      device.ports.push(this);
      onMockWrite(this, (chunk) => sim.receive(chunk));
    }

    override open(cb: (err: Error | null) => void): void {
      if (!device.plugged) {
        setImmediate(() => cb(new Error(`No such file or directory, cannot open ${path}`)));
        return;
      }
      super.open((err) => {
        if (!err) {
          const off = sim.onOutput((bytes) => {
            const binding = this.port as unknown as { isOpen: boolean; emitData(b: Buffer): void } | undefined;
            if (binding?.isOpen) binding.emitData(bytes);
          });
          device.subscriptions++;
          this.once('close', () => {
            off();
            device.subscriptions--;
          });
        }
        cb(err);
      });
    }
  } as unknown as ReaderPortClass;
  const made = createCardReader({ reader: `serial:${path}`, SerialPortClass: PortClass, today: () => '2026-11-28', responseTimeoutMs: 250, readTimeoutMs: 400 });
  if (!made.ok) throw new Error(made.error.message);
  return { reader: made.value, device };
}

const faultArb: fc.Arbitrary<Step> = fc.constantFrom<ReaderFault>('bad-checksum', 'truncate', 'silence', 'lift-mid-read', 'select-fail', 'garbage').chain(
  (fault): fc.Arbitrary<Step> =>
    fault === 'bad-checksum' || fault === 'truncate'
      ? fc.constantFrom<CommandName>('findCard', 'selectCard', 'readTextAndPhoto').map((on): Step => ({ kind: 'fault', fault, on }))
      : fc.constant<Step>({ kind: 'fault', fault }),
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  faultArb,
  fc.constant({ kind: 'unplug-mid-read' as const }),
  fc.constant({ kind: 'unplug-between' as const }),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }).map((bytes) => ({ kind: 'garbage-burst' as const, bytes })),
);

describe('the ID-card reader under a run of faults', () => {
  it(
    'answers every fault with a clear coded error and reads the next card, in any order, without a restart',
    async () => {
      const sim = new ReaderSimulator();
      const { reader, device } = serialReader(sim);
      let reads = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: DEMO_CARD_HOLDERS.length - 1 }), async (steps, who) => {
          const holder = DEMO_CARD_HOLDERS[who]!;
          for (const step of steps) {
            sim.lift();
            sim.place(holder);
            let r;
            if (step.kind === 'fault') {
              sim.inject(step.fault, step.on);
              r = await reader.readCard({ timeoutMs: 400 });
              if (step.fault === 'garbage') {
                // Line noise before a good answer is not an error at all.
                expect(r.ok).toBe(true);
              } else {
                expect(r.ok).toBe(false);
                // A broken answer to "find card" can look like no card to a poller: it asks again until its wait ends.
                if (!r.ok) expect([...EXPECTED[step.fault]!, 'CARD_NOT_FOUND']).toContain(r.error.code);
              }
            } else if (step.kind === 'unplug-mid-read') {
              sim.inject('silence');
              const pending = reader.readCard({ timeoutMs: 400 });
              setTimeout(() => device.ports[device.ports.length - 1]?.close(), 20);
              r = await pending;
              expect(r).toMatchObject({ ok: false });
              if (!r.ok) expect(['READER_DISCONNECTED', 'READER_TIMEOUT']).toContain(r.error.code);
            } else if (step.kind === 'unplug-between') {
              device.plugged = false;
              const open = device.ports[device.ports.length - 1];
              if (open?.isOpen) await new Promise<void>((res) => open.close(() => res()));
              r = await reader.readCard({ timeoutMs: 200 });
              expect(r).toMatchObject({ ok: false, error: { code: 'READER_NOT_CONNECTED' } });
              device.plugged = true;
            } else {
              // Bytes from nowhere between two reads (a cable glitch): the next read must ignore them.
              const port = device.ports[device.ports.length - 1];
              const binding = port?.port as unknown as { isOpen: boolean; emitData(b: Buffer): void } | undefined;
              if (binding?.isOpen) binding.emitData(Buffer.from(step.bytes));
            }
            if (r && !r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/u);
            // Recovery: the card is placed again and reads in full, with no restart of the driver.
            sim.lift();
            sim.place(holder);
            const good = await reader.readCard({ timeoutMs: 2000 });
            if (!good.ok) throw new Error(`after ${JSON.stringify(step)}: ${good.error.code} ${good.error.message}`);
            expect(good.value.holder).toEqual(holder);
            reads++;
          }
        }),
        { numRuns: rounds(8, 80), endOnFailure: true },
      );
      expect(reads).toBeGreaterThan(0);
      // Ports that were closed let go of the simulator: at most the open one still listens.
      expect(device.subscriptions).toBeLessThanOrEqual(1);
      await reader.close();
    },
    rounds(120_000, 900_000),
  );
});
