import { Alert, Button, Card, Descriptions, Empty, Input, Radio, Segmented, Space, Table, Tag, Timeline } from 'antd';
import { useRef, useState } from 'react';
import type { Session, StationResult } from '../../contract/station-api';
import { ErrorAlert } from '../components/ErrorAlert';
import { MaterialViewer, type ViewedFile } from '../components/inbox/MaterialViewer';
import { inboxKeys, useInboxKeys } from '../components/inbox/use-inbox-keys';
import { Kbd } from '../components/Kbd';
import { dateTime } from '../format';
import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { useCatalog } from '../queries';
import { useStationCall, useStationQuery } from '../station-hooks';
import { tone } from '../theme';

type Row = StationResult<'inbox.list'>['applications'][number];
type Filter = 'submitted' | 'returned' | 'all';
type Verdict = { kind: 'ok' | 'missing' | 'defective'; reason: string };

/**
 * 网上申办: the applications filed online for the zones of this window, the earliest pre-review
 * deadline first (overdue in red). One opens beside its checklist; each material's file is viewed
 * in place; the clerk marks each material and accepts (受理 / 容缺受理), returns with one notice
 * listing everything (一次性告知), or refuses (不予受理).
 */
export function InboxScreen({ session }: { session: Session }) {
  const { t } = useI18n();
  // A town centre's counter lists what its centre filed, to follow it; the district reviews (远程审批).
  const catalog = useCatalog(session.window !== null);
  const atCentre = catalog.data?.sites.some((x) => x.windowCodes.includes(session.window?.code ?? '')) ?? false;
  const [filter, setFilter] = useState<Filter>('submitted');
  const list = useStationQuery('inbox.list', filter === 'all' ? {} : { state: filter }, { on: ['inbox'] });
  const [selected, setSelected] = useState<string | null>(null);
  const rows = list.data?.applications ?? [];
  const step = (by: number) => {
    if (rows.length === 0) return;
    const at = rows.findIndex((r) => r.id === selected);
    setSelected(rows[at < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, at + by))]!.id);
  };
  useInboxKeys({ next: () => step(1), previous: () => step(-1), close: () => setSelected(null) });
  return (
    <div style={{ display: 'flex', gap: 10, height: '100%', minHeight: 0 }} data-testid="inbox-screen">
      <Card
        size="small"
        title={t('inbox.title')}
        extra={
          <Segmented<Filter>
            size="small"
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'submitted', label: t('inbox.state.submitted') },
              { value: 'returned', label: t('inbox.state.returned') },
              { value: 'all', label: t('inbox.filter.all') },
            ]}
          />
        }
        style={{ flex: selected ? '0 0 260px' : '1 1 100%', minWidth: 0, overflow: 'auto' }}
      >
        <ErrorAlert error={list.error} />
        <Table<Row>
          size="small"
          rowKey="id"
          dataSource={rows}
          pagination={false}
          data-testid="inbox-table"
          locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
          onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer', background: r.id === selected ? '#e6f4ff' : undefined } })}
          columns={[
            { title: t('inbox.col.applicant'), dataIndex: 'applicantName', width: 70 },
            ...(selected ? [] : [{ title: t('inbox.col.matters'), dataIndex: 'matterNames', ellipsis: true, render: (v: string[]) => v.join('、') }]),
            {
              title: t('inbox.col.due'),
              dataIndex: 'reviewDueDate',
              width: selected ? 110 : 150,
              render: (v: string, r: Row) => (
                <span className="tabular" style={{ color: r.overdue ? tone.error : undefined, fontWeight: r.overdue ? 600 : undefined }} data-overdue={r.overdue ? 'yes' : 'no'}>
                  {v}
                  {r.overdue && <Tag color="error" style={{ marginLeft: 4 }}>{t('inbox.overdue')}</Tag>}
                  {r.deemedAccepted && <Tag color="warning" title={t('inbox.deemedHint')}>{t('inbox.deemed')}</Tag>}
                </span>
              ),
            },
            ...(selected
              ? []
              : [
                  { title: t('inbox.col.received'), dataIndex: 'receivedAt', width: 140, render: (v: string) => dateTime(v) },
                  {
                    title: t('inbox.col.channel'),
                    dataIndex: 'channel',
                    width: 90,
                    // A town application names the centre that took it in (就近受理).
                    render: (v: 'online' | 'town', r: Row) => (v === 'town' && r.siteName ? r.siteName : t(`inbox.channel.${v}` as MessageKey)),
                  },
                  { title: t('inbox.col.files'), dataIndex: 'fileCount', width: 50 },
                ]),
            ...(selected
              ? []
              : [
                  {
                    title: '',
                    dataIndex: 'state',
                    width: 90,
                    render: (v: string, r: Row) => (
                      <Space size={4} wrap>
                        <Tag>{t(`inbox.state.${v}` as MessageKey)}</Tag>
                        {r.caseNo && <PrintReceiptButton caseNo={r.caseNo} />}
                      </Space>
                    ),
                  },
                ]),
          ]}
        />
      </Card>
      {selected && <ApplicationPane key={selected} id={selected} reviews={!atCentre} />}
    </div>
  );
}

/** The receipt of the case an application became: printed here (a town centre hands the district's result over). */
function PrintReceiptButton({ caseNo }: { caseNo: string }) {
  const { t } = useI18n();
  const print = useStationCall('cases.printReceipt');
  return (
    <span onClick={(e) => e.stopPropagation()}>
      <Button size="small" loading={print.pending} onClick={() => void print.run({ caseNo })} title={print.error?.message ?? caseNo} danger={print.error !== null} data-testid="inbox-print-receipt">
        {t('inbox.printReceipt')}
      </Button>
    </span>
  );
}

function ApplicationPane({ id, reviews }: { id: string; reviews: boolean }) {
  const { t } = useI18n();
  const detail = useStationQuery('inbox.get', { id }, { on: ['inbox'] });
  const [viewed, setViewed] = useState<ViewedFile | null>(null);
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});
  const [note, setNote] = useState('');
  const [refuseReason, setRefuseReason] = useState('');
  const accept = useStationCall('inbox.accept');
  const giveBack = useStationCall('inbox.return');
  const refuse = useStationCall('inbox.refuse');
  const [warning, setWarning] = useState<string | null>(null);
  const a = detail.data;
  const waiting = reviews && a?.state === 'submitted';
  useInboxKeys(
    waiting
      ? { accept: () => void accept.run({ id, outcome: 'accept' }), acceptDeferred: () => void accept.run({ id, outcome: 'accept-deferred' }), return: () => sendBackRef.current() }
      : {},
  );
  const sendBackRef = useRef<() => void>(() => undefined);
  if (!a) return <Card size="small" loading={detail.loading} style={{ flex: 1 }}>{detail.error && <ErrorAlert error={detail.error} />}</Card>;

  const open = reviews && a.state === 'submitted';
  const verdictOf = (code: string, received: string): Verdict => verdicts[code] ?? { kind: received === 'missing' ? 'missing' : 'ok', reason: '' };
  const items = a.checklist
    .map((c) => ({ c, v: verdictOf(c.materialCode, c.received) }))
    .filter(({ c, v }) => v.kind === 'defective' || (v.kind === 'missing' && c.necessity !== 'optional'))
    .map(({ c, v }) => ({ materialCode: c.materialCode, problem: v.kind === 'defective' ? ('defective' as const) : ('missing' as const), reason: v.reason.trim() || (v.kind === 'defective' ? `${c.name}：不符合要求` : `${c.name}：未提交`) }));
  const sendBack = () => {
    if (items.length === 0) return setWarning(t('inbox.needVerdict'));
    setWarning(null);
    void giveBack.run({ id, items, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  sendBackRef.current = sendBack;
  const filesOf = (code: string) => a.files.filter((f) => f.materialCode === code);
  const doAccept = (outcome: 'accept' | 'accept-deferred') => void accept.run({ id, outcome });

  return (
    <div style={{ flex: 1, display: 'flex', gap: 10, minWidth: 0, minHeight: 0 }} data-testid="application-pane">
      <Card size="small" title={`${a.applicant.name} · ${a.matterNames.join('、')}`} style={{ flex: '1 1 55%', overflow: 'auto', minWidth: 0 }}>
        {a.caseNo && <Alert type="success" showIcon message={t('inbox.accepted', { caseNo: a.caseNo })} style={{ marginBottom: 8 }} data-testid="inbox-accepted" />}
        {a.deemedAccepted && <Alert type="warning" showIcon message={t('inbox.deemedHint')} style={{ marginBottom: 8 }} />}
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t('inbox.applicant')}>{a.applicant.name}</Descriptions.Item>
          <Descriptions.Item label={t('inbox.idNumber')}>{a.applicant.idNumber}</Descriptions.Item>
          <Descriptions.Item label={t('inbox.phone')}>{a.applicant.phone ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('inbox.col.due')}>
            <span style={{ color: a.overdue ? tone.error : undefined }}>{a.reviewDueDate}</span>
          </Descriptions.Item>
          {a.caseNo && <Descriptions.Item label={t('inbox.caseNo')}>{a.caseNo}</Descriptions.Item>}
          {a.promisedDate && <Descriptions.Item label={t('inbox.promisedDate')}>{a.promisedDate}</Descriptions.Item>}
        </Descriptions>
        <h4 style={{ margin: '10px 0 6px' }}>{t('inbox.checklist')}</h4>
        <Table
          size="small"
          rowKey="materialCode"
          pagination={false}
          dataSource={a.checklist}
          data-testid="inbox-checklist"
          columns={[
            { title: '', dataIndex: 'name', render: (v: string, c) => <span>{v}{c.necessity === 'required' ? <span style={{ color: tone.error }}> *</span> : null}</span> },
            { title: '', dataIndex: 'received', width: 80, render: (v: string) => <Tag color={v === 'missing' ? 'default' : 'blue'}>{t(`inbox.received.${v}` as MessageKey)}</Tag> },
            {
              title: '',
              key: 'files',
              width: 56,
              render: (_: unknown, c) =>
                // The files are the reviewing window's to open (a centre's window is not one).
                (reviews ? filesOf(c.materialCode) : []).map((f) => (
                  <Button key={f.n} size="small" type="link" disabled={f.superseded} title={f.superseded ? t('inbox.superseded') : f.fileName} onClick={() => setViewed({ applicationId: a.id, n: f.n, fileName: f.fileName })} data-testid={`view-${c.materialCode}-${f.n}`}>
                    {t('inbox.view')}
                  </Button>
                )),
            },
            {
              title: '',
              key: 'verdict',
              width: 190,
              render: (_: unknown, c) => {
                const v = verdictOf(c.materialCode, c.received);
                const set = (next: Partial<Verdict>) => setVerdicts((all) => ({ ...all, [c.materialCode]: { ...v, ...next } }));
                return (
                  <Space direction="vertical" size={2} style={{ width: '100%' }}>
                    <Radio.Group size="small" value={v.kind} onChange={(e) => set({ kind: e.target.value as Verdict['kind'] })} disabled={!open} data-testid={`verdict-${c.materialCode}`}>
                      <Radio.Button value="ok">{t('inbox.verdict.ok')}</Radio.Button>
                      <Radio.Button value="missing">{t('inbox.verdict.missing')}</Radio.Button>
                      <Radio.Button value="defective">{t('inbox.verdict.defective')}</Radio.Button>
                    </Radio.Group>
                    {v.kind === 'defective' && <Input size="small" placeholder={t('inbox.verdict.reason')} value={v.reason} onChange={(e) => set({ reason: e.target.value })} data-testid={`reason-${c.materialCode}`} />}
                  </Space>
                );
              },
            },
          ]}
        />
        {a.notice && (
          <Alert
            type="info"
            style={{ marginTop: 8 }}
            data-testid="inbox-notice"
            message={t('inbox.notice', { noticeNo: a.notice.noticeNo })}
            description={a.notice.items.map((i) => `${t(`inbox.noticeItem.${i.problem}` as MessageKey)}：${i.reason}`).join('；')}
          />
        )}
        {open && (
          <Space direction="vertical" style={{ width: '100%', marginTop: 10 }}>
            {warning && <Alert type="warning" showIcon message={warning} />}
            <ErrorAlert error={accept.error ?? giveBack.error ?? refuse.error} />
            <Space wrap>
              <Button type="primary" loading={accept.pending} onClick={() => doAccept('accept')} data-testid="inbox-accept">
                {t('inbox.accept')} <Kbd>{inboxKeys.accept}</Kbd>
              </Button>
              <Button loading={accept.pending} onClick={() => doAccept('accept-deferred')} data-testid="inbox-accept-deferred">
                {t('inbox.acceptDeferred')} <Kbd>{inboxKeys.acceptDeferred}</Kbd>
              </Button>
              <Button loading={giveBack.pending} onClick={sendBack} data-testid="inbox-return">
                {t('inbox.return')} <Kbd>{inboxKeys.return}</Kbd>
              </Button>
            </Space>
            <Input.TextArea rows={2} placeholder={t('inbox.returnNote')} value={note} onChange={(e) => setNote(e.target.value)} />
            <Space.Compact style={{ width: '100%' }}>
              <Input placeholder={t('inbox.refuseReason')} value={refuseReason} onChange={(e) => setRefuseReason(e.target.value)} data-testid="inbox-refuse-reason" />
              <Button danger disabled={!refuseReason.trim()} loading={refuse.pending} onClick={() => void refuse.run({ id, reason: refuseReason.trim() })} data-testid="inbox-refuse">
                {t('inbox.refuse')}
              </Button>
            </Space.Compact>
          </Space>
        )}
        <h4 style={{ margin: '10px 0 6px' }}>{t('inbox.history')}</h4>
        <Timeline items={a.history.map((h) => ({ children: `${dateTime(h.at)} ${t(`inbox.state.${h.state}` as MessageKey)}${h.note ? ` · ${h.note}` : ''}` }))} />
      </Card>
      <div style={{ flex: '1 1 45%', minWidth: 0, minHeight: 0 }}>
        <MaterialViewer file={viewed} />
      </div>
    </div>
  );
}

