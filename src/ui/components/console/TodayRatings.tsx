import { Button, Input, Popover } from 'antd';
import { useState } from 'react';
import type { Evaluation } from '../../../contract/evaluation';
import { isBadEvaluation, isEvaluationLevel } from '../../../domain/evaluation';
import { useI18n } from '../../i18n/context';
import { useStationCall, useStationQuery } from '../../station-hooks';
import { tone } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';

/**
 * The window's ratings today, in the console's bottom line: how many good and bad, and for a bad
 * one the clerk holds malicious (恶意差评), an appeal with its reason for the supervisor to decide.
 * Online only; offline the line simply leaves it out.
 */
export function TodayRatings() {
  const { t } = useI18n();
  const today = useStationQuery('evaluations.today', {}, { on: ['evaluations'] });
  const summary = today.data?.summary;
  if (!summary) return null;
  const bad = (today.data?.evaluations ?? []).filter((e) => isEvaluationLevel(e.level) && isBadEvaluation(e.level));
  return (
    <span data-testid="today-ratings">
      {t('console.ratings', { good: summary.good, bad: summary.bad })}
      {bad.map((e) => (
        <Appeal key={e.id} evaluation={e} onDone={() => void today.refetch()} />
      ))}
    </span>
  );
}

function Appeal({ evaluation: e, onDone }: { evaluation: Evaluation; onDone: () => void }) {
  const { t } = useI18n();
  const appeal = useStationCall('evaluations.appeal');
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  if (e.appeal) {
    return (
      <span style={{ marginLeft: 8, color: tone.muted }} data-appeal={e.appeal.status}>
        {e.ticketNumber} {t(`console.appeal.${e.appeal.status}`)}
      </span>
    );
  }
  const content = (
    <div style={{ width: 280, display: 'flex', flexDirection: 'column', gap: 8 }}>
      <span>
        {e.ticketNumber} {e.label}（{e.reason ?? ''}）
      </span>
      <Input.TextArea rows={2} value={reason} onChange={(x) => setReason(x.target.value)} placeholder={t('console.appealReason')} data-testid="appeal-reason" />
      <ErrorAlert error={appeal.error} compact />
      <Button
        type="primary"
        size="small"
        disabled={!reason.trim()}
        loading={appeal.pending}
        data-testid="appeal-send"
        onClick={() =>
          void appeal.run({ evaluationId: e.id, reason: reason.trim() }).then((a) => {
            if (a.ok) {
              setOpen(false);
              onDone();
            }
          })
        }
      >
        {t('console.appealSend')}
      </Button>
    </div>
  );
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen}>
      <Button type="link" size="small" style={{ color: tone.error, padding: '0 6px' }} data-testid="appeal-open" data-ticket={e.ticketNumber}>
        {t('console.appeal', { ticket: e.ticketNumber })}
      </Button>
    </Popover>
  );
}
