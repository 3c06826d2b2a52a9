import { Button, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import type { CaseDetail } from '../../contract/station-api';
import { evaluationLevels, isBadEvaluation, isEvaluationLevel, type EvaluationLevel } from '../../domain/evaluation';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n';
import { useStationCall } from '../station-hooks';
import { tone } from '../theme';
import { ErrorAlert } from './ErrorAlert';

/**
 * 好差评 on the spot (GB/T 39046 A.8): five levels, 1 非常满意 … 5 非常不满意. The applicant chooses;
 * 不满意 and 非常不满意 need a reason, which the hall follows up within 5 working days.
 */
export function EvaluationForm({ caseId, existing, onSaved }: { caseId: string; existing: CaseDetail['evaluation']; onSaved?: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const evaluate = useStationCall('cases.evaluate');
  const [level, setLevel] = useState<EvaluationLevel | null>(null);
  const [reason, setReason] = useState('');
  if (existing) {
    return (
      <div data-testid="evaluation-done">
        {t('evaluation.done', { label: t(`evaluation.level.${existing.level}` as MessageKey) })}
        {existing.reason ? `：${existing.reason}` : ''}
      </div>
    );
  }
  const needsReason = level !== null && isBadEvaluation(level);
  const canSave = level !== null && (!needsReason || reason.trim().length > 0);
  const save = async () => {
    if (level === null) return;
    const answer = await evaluate.run({ caseId, level, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (answer.ok) onSaved?.(answer.value);
  };
  return (
    <div data-testid="evaluation-form">
      <Radio.Group value={level} onChange={(e) => setLevel(isEvaluationLevel(e.target.value) ? e.target.value : null)} optionType="button" buttonStyle="solid" size="large">
        {evaluationLevels.map((l) => (
          <Radio.Button key={l} value={l} data-level={l} style={isBadEvaluation(l) && level === l ? { background: tone.error, borderColor: tone.error } : undefined}>
            {t(`evaluation.level.${l}` as MessageKey)}
          </Radio.Button>
        ))}
      </Radio.Group>
      {needsReason && (
        <Input.TextArea
          style={{ marginTop: 8 }}
          rows={2}
          maxLength={500}
          placeholder={t('evaluation.reasonPlaceholder')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          status={reason.trim() ? undefined : 'error'}
          data-testid="evaluation-reason"
        />
      )}
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" disabled={!canSave} loading={evaluate.pending} onClick={() => void save()} data-testid="evaluation-save">
          {t('evaluation.save')}
        </Button>
        {needsReason && !reason.trim() && <span style={{ color: tone.error }}>{t('evaluation.reasonRequired')}</span>}
      </Space>
      <ErrorAlert error={evaluate.error} compact />
    </div>
  );
}
