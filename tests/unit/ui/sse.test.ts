import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SseParser } from '../../../src/ui/sse';

const stream = 'data: {"type":"queue","reason":"called"}\n\n: keep-alive\n\nevent: custom\ndata: line one\ndata: line two\nid: 7\n\ndata:no-space\r\n\r\n';

describe('reading the station event stream', () => {
  it('parses whole messages, joins data lines, skips comments', () => {
    const messages = new SseParser().push(stream);
    expect(messages).toEqual([
      { event: 'message', data: '{"type":"queue","reason":"called"}', id: null },
      { event: 'custom', data: 'line one\nline two', id: '7' },
      { event: 'message', data: 'no-space', id: '7' },
    ]);
  });

  it('gives the same messages however the network cuts the bytes', () => {
    const whole = new SseParser().push(stream);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const parser = new SseParser();
        const got = [];
        let at = 0;
        for (const p of [...points, stream.length]) {
          got.push(...parser.push(stream.slice(at, p)));
          at = p;
        }
        expect(got).toEqual(whole);
      }),
    );
  });

  it('holds back a message until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('data: half')).toEqual([]);
    expect(parser.push('\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'message', data: 'half', id: null }]);
  });
});
