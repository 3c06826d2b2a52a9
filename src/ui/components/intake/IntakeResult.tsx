import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import type { CaseDetail, PrintJob } from '../../../contract/station-api';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { useStationCall, useStationQuery } from '../../station-hooks';
import { tone } from '../../theme';
import { CaseQr } from '../CaseQr';
import { ErrorAlert } from '../ErrorAlert';
import { EvaluationForm } from '../EvaluationForm';
import { PrintStatus } from '../PrintStatus';
import { ReceiptPreview } from '../ReceiptPreview';

const outcomeTitle: Record<string, MessageKey> = {
  accepted: 'result.accepted',
  'accepted-deferred': 'result.acceptedDeferred',
  'correction-notified': 'result.correction',
  rejected: 'result.rejected',
};

/**
 * After the outcome is recorded: the case number large, its QR code, whether the notice came out of
 * the printer (or why not, with 重打), and the rating once the citizen gave one on the pad.
 */
export function IntakeResult({
  result,
  onNext,
  finishes = false,
}: {
  result: { case: CaseDetail; printJob: PrintJob | null };
  onNext: () => void;
  /** 下一位 also finishes the ticket at the counter (its label says so). */
  finishes?: boolean;
}) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<CaseDetail | null>(null);
  // The case changes after the panel opens (synced to the hall server, evaluated): follow it.
  const live = useStationQuery('cases.get', { caseId: result.case.id }, { on: ['cases'] });
  const detail = saved && (!live.data || saved.updatedAt >= live.data.updatedAt) ? saved : (live.data ?? result.case);
  const setDetail = setSaved;
  const [previewing, setPreviewing] = useState(false);
  const [job, setJob] = useState<PrintJob | null>(result.printJob);
  const print = useStationCall('cases.printNotice');
  const deferred = detail.materials.filter((m) => m.dueDate !== null && m.receivedAt === null);
  const title = outcomeTitle[detail.status] ?? 'result.recorded';
  const colour = detail.status === 'rejected' ? tone.error : detail.status === 'correction-notified' || detail.status === 'accepted-deferred' ? tone.warn : tone.ok;

  return (
    <div data-testid="intake-result" data-case-no={detail.caseNo} style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: 8 }}>
      <div style={{ display: 'flex', gap: 20, alignItems: 'flex-start' }}>
        <CaseQr text={detail.caseUrl} size={140} />
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ color: colour, fontSize: 18, fontWeight: 600 }}>{t(title)}</div>
          <Typography.Text copyable={{ text: detail.caseNo }} style={{ fontSize: 30, fontWeight: 700 }} className="tabular" data-testid="case-no">
            {detail.caseNo}
          </Typography.Text>
          <div style={{ marginTop: 4 }}>{detail.matterNames.join('、')}</div>
          {(detail.status === 'accepted' || detail.status === 'accepted-deferred') && (
            <div style={{ marginTop: 4 }} className="tabular">
              {t('result.promised', { date: detail.promisedDate })}
            </div>
          )}
          {deferred.length > 0 && (
            <div style={{ color: tone.warn, marginTop: 4 }} data-testid="deferred-list">
              {t('result.deferredList', { n: deferred.length })}：
              {deferred.map((m) => t('result.deferredItem', { name: detail.materialNames[m.materialCode] ?? m.materialCode, date: m.dueDate ?? '' })).join('、')}
            </div>
          )}
          {detail.correctionDueDate && <div style={{ color: tone.warn, marginTop: 4 }}>{t('result.correctionDue', { date: detail.correctionDueDate })}</div>}
          {detail.pendingSync && <div style={{ color: tone.muted, marginTop: 4 }}>{t('result.pendingSync')}</div>}
        </div>
      </div>
      <div>
        {job ? (
          <PrintStatus job={job} printedText={t('result.printed')} />
        ) : (
          <Space>
            <span style={{ color: tone.muted }}>{t('result.notPrinted')}</span>
            <Button size="small" loading={print.pending} onClick={() => void print.run({ caseId: detail.id }).then((a) => a.ok && setJob(a.value))}>
              {t('result.print')}
            </Button>
          </Space>
        )}
        <Button size="small" type="link" onClick={() => setPreviewing((p) => !p)} data-testid="preview-toggle">
          {previewing ? t('preview.hide') : t('preview.show')}
        </Button>
        <ErrorAlert error={print.error} compact />
        {previewing && <ReceiptPreview caseId={detail.id} />}
      </div>
      <div>
        {/* 好差评 is the citizen's, on the window's pad right after the ticket is finished: no rating button for the clerk here. */}
        {detail.evaluation && <EvaluationForm caseId={detail.id} existing={detail.evaluation} onSaved={setDetail} />}
        <Button style={{ marginTop: detail.evaluation ? 12 : 0 }} size="large" type="primary" onClick={onNext} data-testid="intake-next" autoFocus>
          {t(finishes ? 'result.finishNext' : 'result.next')}
        </Button>
      </div>
    </div>
  );
}
