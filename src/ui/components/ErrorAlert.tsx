import { tone } from '../tone';
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import type { ErrorBody } from '../../contract/primitives';
import { useI18n } from '../i18n/context';

/**
 * An error answer shown where the action was taken, in the clerk's words, with the code in small grey
 * type for the administrator on the phone. Renders nothing without an error.
 */
export function ErrorAlert({ error, action, onClose, compact }: { error: ErrorBody | null | undefined; action?: ReactNode; onClose?: () => void; compact?: boolean }) {
  const { err } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-error-code={error.code}
      style={compact ? { padding: '4px 8px' } : undefined}
      title={
        <span>
          {err(error)} <span style={{ color: tone.muted, fontSize: 12 }}>{error.code}</span>
        </span>
      }
      action={action}
      {...(onClose ? { closable: { onClose } } : {})}
    />
  );
}
