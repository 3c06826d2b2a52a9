import { Card, Tag } from 'antd';
import { useState } from 'react';
import type { Evaluation } from '../../../contract/evaluation';
import { isBadEvaluation, isEvaluationLevel } from '../../../domain/evaluation';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { useStationQuery } from '../../station-hooks';
import { tone } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';
import { FollowUpDialog } from './FollowUpDialog';

const isBad = (e: Evaluation) => isEvaluationLevel(e.level) && isBadEvaluation(e.level);

/**
 * 好差评 on the supervisor board: today's good and bad by window, a bad rating shown the moment it
 * arrives (the hall's `evaluation.recorded`), and the open follow-ups, overdue ones in red.
 */
export function EvaluationsPanel() {
  const { t } = useI18n();
  const today = useStationQuery('evaluations.today', {}, { on: ['evaluations'] });
  const followUps = useStationQuery('evaluations.followUps', {}, { on: ['evaluations'] });
  const [latestBadSeen, setLatestBadSeen] = useState<string | null>(null);
  const summary = today.data?.summary;
  const newestBad = today.data?.evaluations.find((e) => isBad(e) && e.appeal?.status !== 'upheld') ?? null;
  const open = followUps.data?.followUps ?? [];
  const [openId, setOpenId] = useState<string | null>(null);
  const opened = open.find((f) => f.evaluationId === openId) ?? null;
  return (
    <>
      <Card size="small" title={t('eval.title')} extra={summary ? <span className="tabular">{t('eval.summary', { good: summary.good, bad: summary.bad })}</span> : null} style={{ flexShrink: 0 }} data-testid="board-evaluations">
        <ErrorAlert error={today.error} compact />
        {newestBad && newestBad.id !== latestBadSeen && (
          <div role="alert" data-testid="board-new-bad" style={{ color: tone.error, fontWeight: 600, marginBottom: 6, cursor: 'pointer' }} onClick={() => setLatestBadSeen(newestBad.id)}>
            {t('eval.newBad', { window: newestBad.windowCode, ticket: newestBad.ticketNumber, label: newestBad.label, reason: newestBad.reason ?? '' })}
          </div>
        )}
        {summary && summary.byWindow.length > 0 ? (
          <table style={{ width: '100%', fontSize: 13 }} className="tabular">
            <thead>
              <tr style={{ color: tone.muted, textAlign: 'left' }}>
                <th>{t('eval.window')}</th>
                <th>{t('eval.good')}</th>
                <th>{t('eval.bad')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.byWindow.map((w) => (
                <tr key={w.windowCode} data-eval-window={w.windowCode}>
                  <td>{w.windowCode}</td>
                  <td style={{ color: tone.ok }}>{w.good}</td>
                  <td style={{ color: w.bad > 0 ? tone.error : undefined, fontWeight: w.bad > 0 ? 600 : 400 }}>{w.bad}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <span style={{ color: tone.muted }}>{t('eval.none')}</span>
        )}
      </Card>
      <Card size="small" title={t('eval.followUps', { n: open.length })} style={{ flexShrink: 0 }} data-testid="board-follow-ups">
        <ErrorAlert error={followUps.error} compact />
        {open.length === 0 ? (
          <span style={{ color: tone.muted }}>{t('eval.noFollowUps')}</span>
        ) : (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 4, maxHeight: 120, overflowY: 'auto' }}>
            {open.map((f) => (
              <div key={f.evaluationId} data-follow-up={f.evaluationId} data-overdue={f.overdue ?? ''} style={{ fontSize: 13, cursor: 'pointer' }} onClick={() => setOpenId(f.evaluationId)}>
                <b>{f.windowCode}</b> {f.evaluation.ticketNumber} {f.evaluation.label}
                {f.evaluation.appeal?.status === 'pending' ? (
                  <Tag color="warning" style={{ marginLeft: 6 }}>
                    {t('eval.appealPending')}
                  </Tag>
                ) : null}
                {f.overdue ? (
                  <Tag color="error" style={{ marginLeft: 6 }}>
                    {t(`eval.overdue.${f.overdue}` as MessageKey)}
                  </Tag>
                ) : null}
                <div style={{ color: tone.muted, fontSize: 12 }}>{t('eval.due', { visit: f.returnVisitDue, fix: f.rectificationDue })}</div>
              </div>
            ))}
          </div>
        )}
      </Card>
      {opened && <FollowUpDialog followUp={opened} onClose={() => setOpenId(null)} />}
    </>
  );
}
