/**
 * Few colours, each with one meaning, the same on every screen:
 * green idle / ok, blue serving (and the primary action), orange waiting too long or deferred,
 * red error or overdue. Everything else is grey.
 */
export const tone = {
  ok: '#237804',
  serving: '#1668dc',
  warn: '#ad4e00',
  error: '#cf1322',
  // #666 on white is 5.7:1 (WCAG AA for small text); antd's #8c8c8c was 3.4:1.
  muted: '#666666',
  line: '#e5e8ec',
  panel: '#ffffff',
  page: '#f2f4f7',
} as const;

export type Tone = 'ok' | 'serving' | 'warn' | 'error' | 'muted';
