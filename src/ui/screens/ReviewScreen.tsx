import { Button, Card, DatePicker, Descriptions, Empty, Input, Radio, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { CaseDetail, Session, StationResult } from '../../contract/station-api';
import { CaseHistory } from '../components/cases/CaseHistory';
import { CaseStatusTag } from '../components/cases/CaseStatusTag';
import { ErrorAlert } from '../components/ErrorAlert';
import { today } from '../format';
import { useI18n } from '../i18n/context';
import { useCatalog } from '../queries';
import { useStationCall, useStationQuery } from '../station-hooks';
import { tone } from '../theme';

type Row = StationResult<'review.list'>[number];

/**
 * 部门审批: an approver (signed in at a station without a window) works the cases of its departments
 * that its station pulled: sends an accepted case for parallel review, decides for its department
 * with an opinion, stops and restarts the clock for a special procedure, marks the result ready.
 * Windows take in, departments decide.
 */
export function ReviewScreen({ session }: { session: Session }) {
  const { t } = useI18n();
  const list = useStationQuery('review.list', {}, { on: ['cases'] });
  const [selected, setSelected] = useState<string | null>(null);
  const rows = list.data ?? [];
  return (
    <div style={{ display: 'flex', gap: 10, height: '100%', minHeight: 0 }} data-testid="review-screen">
      <Card size="small" title={t('review.title')} style={{ flex: '1 1 55%', minWidth: 0, overflow: 'auto' }}>
        <ErrorAlert error={list.error} />
        <Table<Row>
          size="small"
          rowKey="id"
          dataSource={rows}
          pagination={false}
          data-testid="review-table"
          locale={{ emptyText: <Empty description={t('review.empty')} /> }}
          onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer', background: r.id === selected ? '#e6f4ff' : undefined } })}
          columns={[
            {
              title: t('cases.caseNo'),
              dataIndex: 'caseNo',
              render: (v: string, r) => (
                <span className="tabular" style={{ fontWeight: 600 }}>
                  {v}
                  {r.waitingForUs && (
                    <Tag color="processing" style={{ marginLeft: 6 }}>
                      {t('review.waiting')}
                    </Tag>
                  )}
                </span>
              ),
            },
            { title: t('cases.applicant'), dataIndex: 'applicantName', width: 90 },
            { title: t('cases.matters'), dataIndex: 'matterNames', render: (v: string[]) => v.join('、') },
            { title: t('cases.status'), dataIndex: 'status', width: 100, render: (v: Row['status']) => <CaseStatusTag status={v} /> },
            { title: t('cases.promisedDate'), dataIndex: 'promisedDate', width: 110, render: (v: string, r) => <span style={{ color: r.overdue ? tone.error : undefined }}>{v}</span> },
          ]}
        />
      </Card>
      <div style={{ flex: '1 1 45%', minWidth: 0, overflow: 'auto' }}>
        {selected ? <ReviewDetail caseId={selected} session={session} departments={rows.find((r) => r.id === selected)?.departments ?? []} /> : <Card size="small">{t('review.pick')}</Card>}
      </div>
    </div>
  );
}

/** A department as people name it: 区市场监管局, not 004. */
function useDepartmentName(): (code: string) => string {
  const catalog = useCatalog();
  return (code) => catalog.data?.departments.find((d) => d.code === code)?.name ?? code;
}

function ReviewDetail({ caseId, session, departments }: { caseId: string; session: Session; departments: string[] }) {
  const { t } = useI18n();
  const departmentName = useDepartmentName();
  const detail = useStationQuery('cases.get', { caseId }, { on: ['cases'] });
  const c = detail.data;
  if (!c) return <Card size="small" loading={detail.loading}>{detail.error && <ErrorAlert error={detail.error} />}</Card>;
  return (
    <Card size="small" title={`${c.caseNo} · ${c.matterNames.join('、')}`} data-testid="review-detail">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('cases.status')}>
          <CaseStatusTag status={c.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.applicant')}>{c.applicant.name}</Descriptions.Item>
        <Descriptions.Item label={t('cases.promisedDate')}>{c.promisedDate}</Descriptions.Item>
        <Descriptions.Item label={t('review.reviews')}>
          {c.reviews.length === 0
            ? t('review.notSent')
            : c.reviews.map((r) => (
                <div key={r.departmentCode} data-testid={`review-${r.departmentCode}`} data-decision={r.decision}>
                  {departmentName(r.departmentCode)} · {t(`review.decision.${r.decision}`)}
                  {r.opinion ? `：${r.opinion}` : ''}
                </div>
              ))}
        </Descriptions.Item>
      </Descriptions>
      <ReviewActions key={c.id} c={c} session={session} owning={departments} />
      <div style={{ marginTop: 12 }}>
        <CaseHistory history={c.history} />
      </div>
    </Card>
  );
}

/** What this department may do with the case now, by its status (the hall checks again). */
function ReviewActions({ c, session, owning }: { c: CaseDetail; session: Session; owning: string[] }) {
  const { t } = useI18n();
  const catalog = useCatalog();
  const departmentName = useDepartmentName();
  const dispatch = useStationCall('review.dispatch');
  const decide = useStationCall('review.decide');
  const pause = useStationCall('review.pauseClock');
  const resume = useStationCall('review.resumeClock');
  const ready = useStationCall('review.markReady');
  // The departments owning its matters, as the station worked them out; the approver may add others (并联审批).
  const ownDepartments = owning;
  const [departments, setDepartments] = useState<string[]>(ownDepartments);
  const mine = c.reviews.find((r) => r.decision === 'pending' && (session.staff.departmentCodes.includes(r.departmentCode) || session.staff.role === 'admin'));
  const [decision, setDecision] = useState<'approved' | 'denied'>('approved');
  const [opinion, setOpinion] = useState('');
  const [reason, setReason] = useState('');
  const [from, setFrom] = useState(today());
  const paused = c.clockPauses.some((p) => p.to === null);
  const errors = [dispatch.error, decide.error, pause.error, resume.error, ready.error].filter(Boolean);

  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
      {(c.status === 'accepted' || c.status === 'accepted-deferred') && (
        <Space wrap>
          <Select
            mode="multiple"
            style={{ minWidth: 260 }}
            value={departments.length ? departments : ownDepartments}
            onChange={setDepartments}
            aria-label={t('review.departments')}
            options={(catalog.data?.departments ?? []).map((d) => ({ value: d.code, label: `${d.code} ${d.name}` }))}
          />
          <Button type="primary" loading={dispatch.pending} data-testid="review-dispatch" onClick={() => void dispatch.run({ caseId: c.id, departmentCodes: departments.length ? departments : ownDepartments })}>
            {t('review.dispatch')}
          </Button>
        </Space>
      )}
      {c.status === 'in-review' && mine && !paused && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value)} optionType="button">
            <Radio.Button value="approved">{t('review.decision.approved')}</Radio.Button>
            <Radio.Button value="denied">{t('review.decision.denied')}</Radio.Button>
          </Radio.Group>
          <Input.TextArea rows={2} value={opinion} onChange={(e) => setOpinion(e.target.value)} placeholder={t('review.opinion')} aria-label={t('review.opinion')} data-testid="review-opinion" />
          <Button
            type="primary"
            disabled={!opinion.trim()}
            loading={decide.pending}
            data-testid="review-decide"
            onClick={() => void decide.run({ caseId: c.id, departmentCode: mine.departmentCode, decision, opinion: opinion.trim() }).then((a) => a.ok && setOpinion(''))}
          >
            {t('review.decideFor', { department: departmentName(mine.departmentCode) })}
          </Button>
        </Space>
      )}
      {c.status === 'in-review' && !paused && (
        <Space wrap>
          <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('review.pauseReason')} aria-label={t('review.pauseReason')} style={{ width: 200 }} />
          <DatePicker value={dayjs(from)} onChange={(d) => d && setFrom(d.format('YYYY-MM-DD'))} allowClear={false} aria-label={t('review.pauseFrom')} />
          <Button disabled={!reason.trim()} loading={pause.pending} onClick={() => void pause.run({ caseId: c.id, kind: 'other', reason: reason.trim(), from })}>
            {t('review.pause')}
          </Button>
        </Space>
      )}
      {c.status === 'in-review' && paused && (
        <Button loading={resume.pending} onClick={() => void resume.run({ caseId: c.id, on: today() })}>
          {t('review.resume')}
        </Button>
      )}
      {(c.status === 'approved' || c.status === 'denied') && (
        <Button type="primary" loading={ready.pending} data-testid="review-ready" onClick={() => void ready.run({ caseId: c.id })}>
          {t('review.markReady')}
        </Button>
      )}
      {errors.map((e, i) => (
        <ErrorAlert key={i} error={e} />
      ))}
    </Space>
  );
}
