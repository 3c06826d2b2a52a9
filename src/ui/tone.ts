/**
 * Few colours, each with one meaning, the same on every screen:
 * green idle / ok, blue serving (and the primary action), orange waiting too long or deferred,
 * red error or overdue. Everything else is grey.
 */
export const tone = {
  ok: '#389e0d',
  serving: '#1668dc',
  warn: '#d46b08',
  error: '#cf1322',
  muted: '#8c8c8c',
  line: '#e5e8ec',
  panel: '#ffffff',
  page: '#f2f4f7',
} as const;

export type Tone = 'ok' | 'serving' | 'warn' | 'error' | 'muted';
