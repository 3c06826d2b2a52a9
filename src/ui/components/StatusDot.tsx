import { tone, type Tone } from '../theme';

export function StatusDot({ status, label, title }: { status: Tone; label?: string; title?: string }) {
  return (
    <span title={title} data-status={status} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
      <span
        aria-hidden
        style={{ width: 9, height: 9, borderRadius: '50%', background: tone[status], display: 'inline-block', boxShadow: '0 0 0 2px rgba(255,255,255,0.25)' }}
      />
      {label}
    </span>
  );
}
