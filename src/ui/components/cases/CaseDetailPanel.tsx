import { Button, Card, Descriptions, Input, Radio, Segmented, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import type { CaseDetail, PrintJob } from '../../../contract/station-api';
import { materialOverdue } from '../../case-view';
import { dateTime, today } from '../../format';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { useStationCall, useStationQuery } from '../../station-hooks';
import { tone } from '../../theme';
import { ErrorAlert } from '../ErrorAlert';
import { EvaluationForm } from '../EvaluationForm';
import { CaseHistory } from './CaseHistory';
import { CaseStatusTag } from './CaseStatusTag';

type Material = CaseDetail['materials'][number];
type SupplyMark = 'original' | 'copy' | 'electronic' | 'commitment';

/**
 * The case as the station knows it: the only place where the applicant's full ID number is shown.
 * Deferred materials with their deadlines (overdue in red) can be supplied here, the result
 * delivered, the evaluation recorded and the notice printed again.
 */
export function CaseDetailPanel({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useI18n();
  // Print jobs of the case change with `print` events (printed, failed, retried).
  const detail = useStationQuery('cases.get', { caseId }, { on: ['cases', 'print'] });
  const c = detail.data;

  return (
    <Card
      size="small"
      className="fill-card"
      style={{ flex: 1, minWidth: 0 }}
      title={
        c ? (
          <Space>
            <span className="tabular" data-testid="detail-case-no">
              {c.caseNo}
            </span>
            <CaseStatusTag status={c.status} />
            {c.pendingSync && <Tag>{t('cases.pendingSync')}</Tag>}
          </Space>
        ) : (
          t('cases.detail')
        )
      }
      extra={
        <Button size="small" type="text" onClick={onClose} aria-label={t('common.close')}>
          ✕
        </Button>
      }
    >
      <ErrorAlert error={detail.error} compact />
      {!c && detail.loading && <Spin />}
      {c && <CaseBody c={c} />}
    </Card>
  );
}

function CaseBody({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const on = today();
  return (
    <div className="scroll-y" style={{ flex: 1, paddingRight: 4 }} data-testid="case-detail">
      {c.syncRejection && (
        <div style={{ marginBottom: 8 }}>
          <ErrorAlert error={c.syncRejection} />
          <div style={{ color: tone.error, fontSize: 12 }}>{t('cases.syncRejected')}</div>
        </div>
      )}
      <Descriptions
        size="small"
        column={2}
        bordered
        styles={{ label: { whiteSpace: 'nowrap', width: 84 } }}
        items={[
          { key: 'name', label: t('cases.applicant'), children: c.applicant.name },
          { key: 'id', label: t('intake.idNumber'), children: <span className="tabular">{c.applicant.idNumber}</span> },
          { key: 'phone', label: t('intake.phone'), children: c.applicant.phone ?? '—' },
          { key: 'address', label: t('intake.address'), children: c.applicant.address ?? '—' },
          ...(c.agent ? [{ key: 'agent', label: t('intake.agent'), span: 2, children: `${c.agent.name} ${c.agent.idNumber}${c.agent.phone ? ` ${c.agent.phone}` : ''}` }] : []),
          { key: 'matters', label: t('cases.matters'), span: 2, children: c.matterNames.join('、') },
          { key: 'accepted', label: t('cases.acceptedAt'), children: dateTime(c.acceptedAt) },
          {
            key: 'promised',
            label: t('cases.promisedDate'),
            children: (
              <span className={c.overdue ? 'overdue' : undefined}>
                {c.promisedDate}
                {c.internalDueDate && (
                  <span style={{ color: tone.warn, marginLeft: 8 }} data-testid="internal-due">
                    {t('cases.internalDue', { date: c.internalDueDate })}
                  </span>
                )}
              </span>
            ),
          },
          { key: 'window', label: t('cases.window'), children: `${c.windowCode}${c.ticketNumber ? ` · ${c.ticketNumber}` : ''}` },
          { key: 'notice', label: t('cases.noticeNo'), children: <span className="tabular">{c.noticeNo}</span> },
          ...(c.rejection
            ? [{ key: 'rej', label: t('cases.rejection'), span: 2, children: `${c.rejection.reason}${c.rejection.competentBody ? `（${t('cases.competentBody')}：${c.rejection.competentBody}）` : ''}` }]
            : []),
          ...(c.correctionDueDate ? [{ key: 'corr', label: t('cases.correctionDue'), span: 2, children: c.correctionDueDate }] : []),
        ]}
      />

      <SectionTitle>{t('cases.materials')}</SectionTitle>
      <MaterialsTable c={c} on={on} />

      <SectionTitle>{t('cases.notices')}</SectionTitle>
      <PrintJobs c={c} />

      {(c.status === 'approved' || c.status === 'ready' || c.delivery) && (
        <>
          <SectionTitle>{t('cases.deliver')}</SectionTitle>
          <Deliver c={c} />
        </>
      )}

      <SectionTitle>{t('cases.evaluation')}</SectionTitle>
      {/* A case taken in at a ticket is rated by the citizen on the pad; the clerk types a rating in only for a service with no ticket (no pad). */}
      {c.evaluation || !c.ticketId ? <EvaluationForm caseId={c.id} existing={c.evaluation} /> : <span style={{ color: tone.muted }}>{t('evaluation.onPad')}</span>}

      <SectionTitle>{t('cases.history')}</SectionTitle>
      <CaseHistory history={c.history} />
      {c.reviews.length > 0 && (
        <div style={{ color: tone.muted }}>
          {c.reviews.map((r) => (
            <div key={r.departmentCode}>
              {r.departmentCode}：{t(`review.${r.decision}` as MessageKey)}
              {r.opinion ? `（${r.opinion}）` : ''}
            </div>
          ))}
        </div>
      )}
      {c.clockPauses.length > 0 && <div style={{ color: tone.warn }}>{c.clockPauses.map((p) => `${p.from}–${p.to ?? '…'} ${p.reason}`).join('；')}</div>}
      {c.syncRejection === null && c.pendingSync && <div style={{ color: tone.muted, fontSize: 12 }}>{t('result.pendingSync')}</div>}
    </div>
  );
}

function SectionTitle({ children }: { children: string }) {
  return <div style={{ fontWeight: 600, margin: '12px 0 6px', borderLeft: `3px solid ${tone.serving}`, paddingLeft: 6 }}>{children}</div>;
}

function MaterialsTable({ c, on }: { c: CaseDetail; on: string }) {
  const { t } = useI18n();
  return (
    <Table<Material>
      size="small"
      rowKey="materialCode"
      pagination={false}
      dataSource={c.materials}
      columns={[
        { title: t('cases.material'), dataIndex: 'materialCode', render: (code: string) => c.materialNames[code] ?? code },
        {
          title: t('cases.receipt'),
          dataIndex: 'receipt',
          width: 64,
          render: (r: string) => <span style={{ color: r === 'missing' ? tone.warn : undefined }}>{t(`receipt.${r}` as MessageKey)}</span>,
        },
        {
          title: t('cases.due'),
          dataIndex: 'dueDate',
          width: 300,
          render: (_: string | null, m: Material) =>
            m.dueDate === null ? (
              m.receivedAt ? <span style={{ color: tone.muted }}>{dateTime(m.receivedAt)}</span> : '—'
            ) : m.receipt !== 'missing' ? (
              <span style={{ color: tone.ok }}>{t('cases.supplied', { at: dateTime(m.receivedAt) })}</span>
            ) : (
              <div>
                <span className={materialOverdue(m, on) ? 'overdue' : undefined} style={materialOverdue(m, on) ? undefined : { color: tone.warn }} data-overdue={materialOverdue(m, on)}>
                  {materialOverdue(m, on) ? t('cases.overdueSince', { date: m.dueDate }) : t('cases.dueBy', { date: m.dueDate })}
                </span>
                <Supplement caseId={c.id} materialCode={m.materialCode} />
              </div>
            ),
        },
      ]}
    />
  );
}

function Supplement({ caseId, materialCode }: { caseId: string; materialCode: string }) {
  const { t } = useI18n();
  const supplement = useStationCall('cases.supplement');
  const [mark, setMark] = useState<SupplyMark>('original');
  return (
    <div>
      <Space size={4}>
        <Segmented<SupplyMark>
          size="small"
          value={mark}
          onChange={setMark}
          options={(['original', 'copy', 'electronic'] as SupplyMark[]).map((r) => ({ value: r, label: t(`receipt.${r}` as MessageKey) }))}
        />
        <Button size="small" type="primary" loading={supplement.pending} onClick={() => void supplement.run({ caseId, materialCode, receipt: mark })} data-testid={`supplement-${materialCode}`}>
          {t('cases.supplement')}
        </Button>
      </Space>
      <ErrorAlert error={supplement.error} compact />
    </div>
  );
}

function PrintJobs({ c }: { c: CaseDetail }) {
  const { t, err } = useI18n();
  const reprint = useStationCall('print.reprint');
  const retry = useStationCall('print.retry');
  const printNotice = useStationCall('cases.printNotice');
  return (
    <div>
      {c.printJobs.map((job: PrintJob) => (
        <div key={job.id} style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '3px 0' }} data-print-job={job.id} data-print-status={job.status}>
          <span style={{ width: 120 }}>{t(`printKind.${job.kind}` as MessageKey)}</span>
          <span className="tabular" style={{ width: 120, color: tone.muted }}>
            {dateTime(job.printedAt ?? job.createdAt).slice(5)}
          </span>
          <span style={{ flex: 1, color: job.status === 'failed' ? tone.error : job.status === 'printed' ? tone.ok : tone.serving }}>
            {t(`printStatus.${job.status}` as MessageKey)}
            {job.error ? `：${err(job.error)}` : ''}
          </span>
          {job.status === 'failed' ? (
            <Button size="small" type="primary" onClick={() => void retry.run({ jobId: job.id })} loading={retry.pending} data-testid={`retry-${job.id}`}>
              {t('print.retry')}
            </Button>
          ) : (
            <Button size="small" onClick={() => void reprint.run({ jobId: job.id })} loading={reprint.pending} disabled={job.status !== 'printed'}>
              {t('print.reprint')}
            </Button>
          )}
        </div>
      ))}
      <Button size="small" onClick={() => void printNotice.run({ caseId: c.id })} loading={printNotice.pending} data-testid="print-notice" style={{ marginTop: 4 }}>
        {t('cases.printNotice')}
      </Button>
      <ErrorAlert error={reprint.error ?? retry.error ?? printNotice.error} compact />
    </div>
  );
}

function Deliver({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const deliver = useStationCall('cases.deliver');
  const [how, setHow] = useState<'window' | 'express'>('window');
  const [licenceName, setLicenceName] = useState('');
  const [licenceNo, setLicenceNo] = useState('');
  if (c.delivery) {
    return (
      <div>
        {t('cases.delivered', { how: t(`deliver.${c.delivery.how}` as MessageKey), at: dateTime(c.delivery.at) })}
        {c.delivery.licenceName ? ` · ${c.delivery.licenceName} ${c.delivery.licenceNo ?? ''}` : ''}
      </div>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={6}>
      <Radio.Group value={how} onChange={(e) => setHow(e.target.value as 'window' | 'express')} optionType="button">
        <Radio.Button value="window">{t('deliver.window')}</Radio.Button>
        <Radio.Button value="express">{t('deliver.express')}</Radio.Button>
      </Radio.Group>
      <Space.Compact style={{ width: '100%' }}>
        <Input placeholder={t('cases.licenceName')} value={licenceName} onChange={(e) => setLicenceName(e.target.value)} maxLength={100} />
        <Input placeholder={t('cases.licenceNo')} value={licenceNo} onChange={(e) => setLicenceNo(e.target.value)} maxLength={64} />
        <Button type="primary" loading={deliver.pending} onClick={() => void deliver.run({ caseId: c.id, how, ...(licenceName.trim() ? { licenceName: licenceName.trim() } : {}), ...(licenceNo.trim() ? { licenceNo: licenceNo.trim() } : {}) })}>
          {t('cases.deliverAction')}
        </Button>
      </Space.Compact>
      <ErrorAlert error={deliver.error} compact />
    </Space>
  );
}
