import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { SerialPortMock } from 'serialport';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/domain/result';
import { idCheckCharacter } from '../../../src/domain/id-number';
import {
  DEMO_CARD_HOLDERS,
  DEMO_FOREIGN_2023,
  DEMO_PERMIT,
  DEMO_RESIDENT,
} from '../../../src/station/devices/idcard/demo-people';
import { createCardReader, type ReaderPortClass, SimulatedCardReader } from '../../../src/station/devices/idcard/open-reader';
import { buildResponse } from '../../../src/station/devices/idcard/frame';
import { WLT_MAGIC, type PhotoDecoder } from '../../../src/station/devices/idcard/photo';
import { hasSocat, runSimulatorOnPty } from '../../../src/station/devices/idcard/pty';
import type { CardRead, CardReader } from '../../../src/station/devices/idcard/reader';
import { ReaderSimulator } from '../../../src/station/devices/idcard/simulator';
import { mockPortPath, onMockWrite } from '../../fixtures/devices/mock-serial';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/devices/${name}`, import.meta.url), 'utf8');

function simulated(): { reader: SimulatedCardReader; sim: ReaderSimulator } {
  const sim = new ReaderSimulator();
  const reader = new SimulatedCardReader(sim, { today: () => '2026-11-28', responseTimeoutMs: 300, readTimeoutMs: 500 });
  return { reader, sim };
}

const holderOf = (r: Result<CardRead>) => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value.holder;
};

/** A reader on a serial path whose device can be unplugged: SerialPortMock with the simulator behind it. */
function pluggableReader(sim: ReaderSimulator) {
  const path = mockPortPath('reader');
  const device = { plugged: true, ports: [] as SerialPortMock[] };
  const PortClass = class extends SerialPortMock {
    constructor(opts: { path: string; baudRate: number; autoOpen: boolean }) {
      super(opts);
      device.ports.push(this);
      onMockWrite(this, (chunk) => sim.receive(chunk));
      sim.onOutput((bytes) => {
        const binding = this.port as unknown as { isOpen: boolean; emitData(b: Buffer): void } | undefined;
        if (binding?.isOpen) binding.emitData(bytes);
      });
    }

    override open(cb: (err: Error | null) => void): void {
      if (!device.plugged) {
        setImmediate(() => cb(new Error(`No such file or directory, cannot open ${path}`)));
        return;
      }
      super.open(cb);
    }
  } as unknown as ReaderPortClass;
  const made = createCardReader({ reader: `serial:${path}`, SerialPortClass: PortClass, today: () => '2026-11-28', readTimeoutMs: 500 });
  if (!made.ok) throw new Error(made.error.message);
  return { reader: made.value, device, path };
}

describe('reading a card through the SAM protocol on a serial port', () => {
  it.each(DEMO_CARD_HOLDERS.map((h) => [h.cardType, h.name, h] as const))('reads a %s card (%s) with its text and opaque photo', async (_t, _n, holder) => {
    const { reader, sim } = simulated();
    sim.place(holder);
    const r = await reader.readCard({ timeoutMs: 2000 });
    expect(holderOf(r)).toEqual(holder);
    if (r.ok) {
      expect(r.value.photo).toHaveLength(1024);
      expect(r.value.photo.subarray(0, 4).equals(WLT_MAGIC)).toBe(true);
      expect(r.value.photoImage).toBeNull();
    }
    expect(sim.received.map((c) => c.name)).toEqual(['findCard', 'selectCard', 'readTextAndPhoto']);
    await reader.close();
  });

  it('hands the photo to the decoder plug-in and keeps the card read when the plug-in fails', async () => {
    const sim = new ReaderSimulator();
    sim.place(DEMO_RESIDENT);
    const seen: Buffer[] = [];
    const decoder: PhotoDecoder = {
      decode: async (wlt) => {
        seen.push(wlt);
        throw new Error('licence expired');
      },
    };
    const reader = new SimulatedCardReader(sim, { photoDecoder: decoder });
    const r = await reader.readCard({ timeoutMs: 1000 });
    expect(holderOf(r).name).toBe('李文静');
    expect(seen).toHaveLength(1);
    await reader.close();
  });

  it('reports the SAM healthy with its id, and a failed self-test clearly', async () => {
    const { reader, sim } = simulated();
    expect(await reader.status()).toMatchObject({ ready: true, problem: null, samId: sim.samId.toString('hex') });
    sim.setSamStatus(0x60);
    expect(await reader.status()).toMatchObject({ ready: false, problem: { code: 'SAM_SELF_TEST_FAILED' } });
    await reader.close();
  });
});

describe('when no card is there', () => {
  it('answers CARD_NOT_FOUND after the wait, polling no faster than every 300 ms', async () => {
    const { reader, sim } = simulated();
    const r = await reader.readCard({ timeoutMs: 1000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'CARD_NOT_FOUND' } });
    const finds = sim.received.filter((c) => c.name === 'findCard');
    expect(finds.length).toBeGreaterThanOrEqual(2);
    expect(finds.length).toBeLessThanOrEqual(4);
    await reader.close();
  });

  it('reads the card placed while it polls', async () => {
    const { reader, sim } = simulated();
    setTimeout(() => sim.place(DEMO_PERMIT), 400);
    expect(holderOf(await reader.readCard({ timeoutMs: 3000 })).name).toBe('陈家明');
    await reader.close();
  });

  it('does not read the same card twice without it being placed again', async () => {
    const { reader, sim } = simulated();
    sim.place(DEMO_RESIDENT);
    holderOf(await reader.readCard({ timeoutMs: 1000 }));
    const again = await reader.readCard({ timeoutMs: 0 });
    expect(again).toMatchObject({ ok: false, error: { code: 'CARD_NOT_FOUND' } });
    if (!again.ok) expect(again.error.message).toMatch(/拿起后重新放置/u);
    sim.lift();
    sim.place(DEMO_RESIDENT);
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).name).toBe('李文静');
    await reader.close();
  });
});

describe('the simulated reader of a demo station', () => {
  it('hands out a different synthetic person at each read, across all four card types, with valid check characters', async () => {
    const made = createCardReader({ reader: 'simulated', today: () => '2026-11-28', pollIntervalMs: 10 });
    if (!made.ok) throw new Error(made.error.message);
    const reader = made.value;
    const people = [];
    for (let i = 0; i < 8; i++) people.push(holderOf(await reader.readCard({ timeoutMs: 2000 })));
    expect(new Set(people.map((p) => p.name)).size).toBe(8);
    expect(new Set(people.map((p) => p.cardType))).toEqual(new Set(['resident', 'permit', 'foreign2017', 'foreign2023']));
    // Every 18-character number checks out (the 2017 foreign card has a 15-character card number instead).
    for (const p of people.filter((x) => x.idNumber.length === 18)) expect(p.idNumber.slice(17), p.name).toBe(idCheckCharacter(p.idNumber.slice(0, 17)));
    // The first read is a resident of the district, as most applicants are; then it goes round again.
    expect(people[0]!.cardType).toBe('resident');
    expect(holderOf(await reader.readCard({ timeoutMs: 2000 })).name).toBe(people[0]!.name);
    await reader.close();
  });
});

describe('errors are clear and the next read works', () => {
  it('a corrupted answer gives READER_CHECKSUM, then the card reads', async () => {
    const { reader, sim } = simulated();
    sim.place(DEMO_RESIDENT);
    sim.inject('bad-checksum', 'readTextAndPhoto');
    const r = await reader.readCard({ timeoutMs: 1000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'READER_CHECKSUM' } });
    if (!r.ok) expect(r.error.message).toMatch(/校验错误/u);
    sim.lift();
    sim.place(DEMO_RESIDENT);
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).name).toBe('李文静');
    await reader.close();
  });

  it('a corrupted answer to "find card" costs nothing but a retry', async () => {
    const { reader, sim } = simulated();
    sim.place(DEMO_RESIDENT);
    sim.inject('bad-checksum', 'findCard');
    expect(await reader.readCard({ timeoutMs: 1000 })).toMatchObject({ ok: false, error: { code: 'READER_CHECKSUM', details: { command: 'findCard' } } });
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).name).toBe('李文静');
    await reader.close();
  });

  it('line noise before an answer is skipped without an error', async () => {
    const { reader, sim } = simulated();
    sim.place(DEMO_FOREIGN_2023);
    sim.inject('garbage');
    sim.inject('garbage');
    sim.inject('garbage');
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).englishName).toBe(DEMO_FOREIGN_2023.englishName);
    await reader.close();
  });

  it('an answer cut off mid-read gives READER_TRUNCATED and asks for the card again', async () => {
    const { reader, sim } = simulated();
    sim.place(DEMO_RESIDENT);
    sim.inject('truncate', 'readTextAndPhoto');
    const r = await reader.readCard({ timeoutMs: 1000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'READER_TRUNCATED', details: { command: 'readTextAndPhoto' } } });
    if (!r.ok) expect(r.error.message).toMatch(/不完整.*请拿起身份证后重新放置/u);
    sim.lift();
    sim.place(DEMO_RESIDENT);
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).name).toBe('李文静');
    await reader.close();
  });

  it('a card lifted mid-read gives CARD_READ_FAILED, then reads once placed again', async () => {
    const { reader, sim } = simulated();
    sim.place(DEMO_PERMIT);
    sim.inject('lift-mid-read');
    const r = await reader.readCard({ timeoutMs: 1000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'CARD_READ_FAILED', details: { sw3: '41' } } });
    if (!r.ok) expect(r.error.message).toMatch(/请拿起身份证后重新放置/u);
    const waiting = await reader.readCard({ timeoutMs: 0 });
    expect(waiting).toMatchObject({ ok: false, error: { code: 'CARD_NOT_FOUND' } });
    if (!waiting.ok) expect(waiting.error.message).toMatch(/上次读卡未成功/u);
    sim.place(DEMO_PERMIT);
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).name).toBe('陈家明');
    await reader.close();
  });

  it('a failed selection gives CARD_SELECT_FAILED, then reads once placed again', async () => {
    const { reader, sim } = simulated();
    sim.place(DEMO_RESIDENT);
    sim.inject('select-fail');
    expect(await reader.readCard({ timeoutMs: 1000 })).toMatchObject({ ok: false, error: { code: 'CARD_SELECT_FAILED' } });
    sim.lift();
    sim.place(DEMO_RESIDENT);
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).name).toBe('李文静');
    await reader.close();
  });

  it('a reader that does not answer gives READER_TIMEOUT, then reads', async () => {
    const { reader, sim } = simulated();
    sim.place(DEMO_RESIDENT);
    sim.inject('silence');
    expect(await reader.readCard({ timeoutMs: 1000 })).toMatchObject({ ok: false, error: { code: 'READER_TIMEOUT' } });
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).name).toBe('李文静');
    await reader.close();
  });

  it('an unplugged reader gives READER_NOT_CONNECTED, and reads again once plugged back in', async () => {
    const sim = new ReaderSimulator();
    sim.place(DEMO_RESIDENT);
    const { reader, device } = pluggableReader(sim);
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).name).toBe('李文静');

    device.plugged = false;
    await new Promise<void>((resolve) => device.ports[0]?.close(() => resolve()));
    const r = await reader.readCard({ timeoutMs: 1000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'READER_NOT_CONNECTED' } });
    if (!r.ok) expect(r.error.message).toMatch(/手工录入/u);

    device.plugged = true;
    sim.lift();
    sim.place(DEMO_PERMIT);
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).name).toBe('陈家明');
    // One port per attempt to open: the first, the one that found nothing plugged in, the new one.
    expect(device.ports).toHaveLength(3);
    await reader.close();
  });

  it('a reader unplugged while it reads gives READER_DISCONNECTED', async () => {
    const sim = new ReaderSimulator();
    sim.place(DEMO_RESIDENT);
    const { reader, device } = pluggableReader(sim);
    sim.inject('silence');
    const pending = reader.readCard({ timeoutMs: 1000 });
    setTimeout(() => device.ports[0]?.close(), 50);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'READER_DISCONNECTED' } });
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).name).toBe('李文静');
    await reader.close();
  });
});

describe('replaying captured answers', () => {
  it('decodes a captured text+photo answer replayed by the simulator', async () => {
    const { reader, sim } = simulated();
    sim.place(DEMO_RESIDENT);
    sim.replayRead(fixture('read-response-permit.hex'));
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 }))).toEqual(DEMO_PERMIT);
    await reader.close();
  });

  it('maps the captured read failure AAAAAA9669000400004145 to CARD_READ_FAILED', async () => {
    const { reader, sim } = simulated();
    sim.place(DEMO_RESIDENT);
    sim.replayRead('AAAAAA9669000400004145');
    expect(await reader.readCard({ timeoutMs: 1000 })).toMatchObject({ ok: false, error: { code: 'CARD_READ_FAILED' } });
    await reader.close();
  });
});

describe('configuration', () => {
  it('a window without a reader answers READER_NOT_CONNECTED so the clerk types the ID in', async () => {
    const made = createCardReader({ reader: 'none' });
    if (!made.ok) throw new Error(made.error.message);
    const reader: CardReader = made.value;
    expect(await reader.status()).toMatchObject({ ready: false, problem: { code: 'READER_NOT_CONNECTED' } });
    expect(await reader.readCard()).toMatchObject({ ok: false, error: { code: 'READER_NOT_CONNECTED', details: { manualEntry: true } } });
  });

  it('the simulated reader of a demo station holds a synthetic card', async () => {
    const made = createCardReader({ reader: 'simulated' });
    if (!made.ok) throw new Error(made.error.message);
    expect(holderOf(await made.value.readCard({ timeoutMs: 1000 })).idNumber).toBe(DEMO_RESIDENT.idNumber);
    await made.value.close();
  });

  it('explains a reader setting it cannot read', () => {
    expect(createCardReader({ reader: 'bluetooth' })).toMatchObject({ ok: false, error: { code: 'READER_TARGET_INVALID' } });
  });
});

describe.skipIf(!hasSocat())('a reader on a pseudo-terminal (socat)', () => {
  it('reads a card from the simulator through a real serial port', async () => {
    const sim = new ReaderSimulator();
    sim.place(DEMO_FOREIGN_2023);
    const pty = await runSimulatorOnPty(sim);
    try {
      const made = createCardReader({ reader: pty.readerPath, today: () => '2026-11-28' });
      if (!made.ok) throw new Error(made.error.message);
      expect(holderOf(await made.value.readCard({ timeoutMs: 2000 }))).toEqual(DEMO_FOREIGN_2023);
      await made.value.close();
    } finally {
      await pty.stop();
    }
  });
});

if (!hasSocat()) {
  describe('a reader on a pseudo-terminal', () => {
    it.skip('needs socat (apt-get install socat) to create the pty pair', () => undefined);
  });
}

describe('the driver under fuzzing', () => {
  it('never throws on any answer to "read": it resolves to a card or a clear error, and the next card reads', async () => {
    const { reader, sim } = simulated();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 1400 }), async (sw3, data) => {
        sim.lift();
        sim.place(DEMO_RESIDENT);
        sim.replayRead(buildResponse(sw3, Buffer.from(data)));
        const r = await reader.readCard({ timeoutMs: 0 });
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error.code).toMatch(/^[A-Z_]+$/u);
      }),
      { numRuns: 60 },
    );
    sim.lift();
    sim.place(DEMO_RESIDENT);
    expect(holderOf(await reader.readCard({ timeoutMs: 1000 })).name).toBe('李文静');
    await reader.close();
  });
});
