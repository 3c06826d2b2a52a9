import { ScrollBox } from '../components/ScrollBox';
import { Button, Card, Descriptions, Input, Progress, Radio, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { CardHolderView, PrintJob, StationResult } from '../../contract/station-api';
import { maskIdNumber } from '../../domain/masking';
import { ErrorAlert } from '../components/ErrorAlert';
import { StatusDot } from '../components/StatusDot';
import { PrintStatus } from '../components/PrintStatus';
import { dateTime, drainProgress, today } from '../format';
import { useI18n } from '../i18n/context';
import { isMessageKey, type MessageKey } from '../i18n';
import { useDeviceStatus, useSyncState } from '../queries';
import { useStationCall, useStationQuery } from '../station-hooks';
import { tone } from '../theme';
import { scrollWhenTall } from '../table-scroll';

type Rejected = StationResult<'sync.rejected'>[number];
type SyncRun = StationResult<'sync.runs'>[number];

/** 设备与同步: printer and reader settings with tests, the print queue, and the sync with the hall. */
export function DevicesScreen() {
  return (
    <div style={{ display: 'flex', gap: 10, flex: 1, minHeight: 0 }} data-testid="devices">
      <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 10, minHeight: 0 }}>
        <DeviceSettings />
        <PrintQueue />
      </div>
      <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 10, minHeight: 0 }}>
        <SyncPanel />
        <RejectedList />
        <SyncRuns />
      </div>
    </div>
  );
}

function DeviceSettings() {
  const { t, err } = useI18n();
  const status = useDeviceStatus();
  const configure = useStationCall('devices.configure');
  const testPrint = useStationCall('devices.testPrint');
  const testRead = useStationCall('devices.testRead');
  const [printer, setPrinter] = useState('');
  const [width, setWidth] = useState<58 | 80>(80);
  const [reader, setReader] = useState('');
  const [readResult, setReadResult] = useState<CardHolderView | null>(null);
  const d = status.data;
  const loaded = d !== undefined;
  useEffect(() => {
    if (!loaded || !d) return;
    setPrinter(d.printer.target);
    setWidth(d.printer.paperWidth);
    setReader(d.reader.target);
    // Only the first answer fills the fields: later device events must not overwrite what is being typed.
  }, [loaded]);

  const dirty = d && (printer !== d.printer.target || width !== d.printer.paperWidth || reader !== d.reader.target);
  const stateTone = (s: string | undefined) => (s === 'ok' ? 'ok' : s === 'problem' ? 'error' : 'muted');

  return (
    <Card size="small" title={t('devices.title')}>
      <ErrorAlert error={status.error} compact />
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        <div style={{ display: 'grid', gridTemplateColumns: '70px 1fr', gap: 8, alignItems: 'center' }}>
          <span>{t('header.printer')}</span>
          <div style={{ display: 'flex', gap: 8 }}>
            <Input value={printer} onChange={(e) => setPrinter(e.target.value)} placeholder="tcp://192.168.1.50:9100" maxLength={200} data-testid="printer-target" style={{ flex: 1 }} />
            <Radio.Group value={width} onChange={(e) => setWidth(e.target.value as 58 | 80)} optionType="button" style={{ whiteSpace: 'nowrap' }}>
              <Radio.Button value={58}>58mm</Radio.Button>
              <Radio.Button value={80}>80mm</Radio.Button>
            </Radio.Group>
          </div>
          <span />
          <Space>
            <StatusDot status={stateTone(d?.printer.state)} label={d?.printer.problem ? err(d.printer.problem) : d?.printer.state === 'ok' ? t('devices.ok') : t('devices.notConfigured')} />
            {d?.printer.checkedAt && <span style={{ color: tone.muted, fontSize: 12 }}>{t('devices.checkedAt', { at: dateTime(d.printer.checkedAt) })}</span>}
            <Button size="small" loading={testPrint.pending} onClick={() => void testPrint.run({})} data-testid="test-print">
              {t('devices.testPrint')}
            </Button>
          </Space>
          <span>{t('header.reader')}</span>
          <Input value={reader} onChange={(e) => setReader(e.target.value)} placeholder="serial:///dev/ttyUSB0" maxLength={200} data-testid="reader-target" />
          <span />
          <Space>
            <StatusDot status={stateTone(d?.reader.state)} label={d?.reader.problem ? err(d.reader.problem) : d?.reader.state === 'ok' ? t('devices.ok') : t('devices.notConfigured')} />
            <Button size="small" loading={testRead.pending} onClick={() => void testRead.run({}).then((a) => setReadResult(a.ok ? a.value : null))} data-testid="test-read">
              {t('devices.testRead')}
            </Button>
          </Space>
        </div>
        <Space>
          <Button type="primary" disabled={!dirty} loading={configure.pending} onClick={() => void configure.run({ printer: printer.trim(), paperWidth: width, reader: reader.trim() })} data-testid="devices-save">
            {t('devices.save')}
          </Button>
          {configure.value && !configure.error && !dirty && <span style={{ color: tone.ok }}>{t('devices.saved')}</span>}
        </Space>
        <ErrorAlert error={configure.error} compact />
        {testPrint.value && <PrintStatus job={testPrint.value} />}
        <ErrorAlert error={testPrint.error ?? testRead.error} compact />
        {readResult && (
          <div style={{ color: tone.ok }} data-testid="test-read-result">
            {t('devices.readOk', { name: readResult.name, id: maskIdNumber(readResult.idNumber) })}
          </div>
        )}
      </Space>
    </Card>
  );
}

function PrintQueue() {
  const { t, err } = useI18n();
  const jobs = useStationQuery('print.jobs', { date: today() }, { on: ['print'] });
  const retry = useStationCall('print.retry');
  const reprint = useStationCall('print.reprint');
  return (
    <Card size="small" title={t('devices.printQueue')} className="fill-card" style={{ flex: 1, minHeight: 0 }}>
      <ErrorAlert error={jobs.error ?? retry.error ?? reprint.error} compact />
      <Table<PrintJob>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={scrollWhenTall(jobs.data?.length ?? 0, 280)}
        dataSource={[...(jobs.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))}
        data-testid="print-queue"
        columns={[
          { title: t('devices.jobTime'), dataIndex: 'createdAt', width: 70, render: (v: string) => <span className="tabular">{dateTime(v).slice(11)}</span> },
          { title: t('devices.jobKind'), dataIndex: 'kind', width: 136, render: (v: string, j: PrintJob) => <span>{t(`printKind.${v}` as MessageKey)}{j.reprintOf ? <Tag style={{ marginLeft: 4 }}>{t('devices.reprintTag')}</Tag> : null}</span> },
          { title: t('devices.jobRef'), dataIndex: 'reference', ellipsis: true, render: (v: string) => <span className="tabular">{v}</span> },
          {
            title: t('devices.jobStatus'),
            dataIndex: 'status',
            render: (v: string, j: PrintJob) => (
              <span style={{ color: v === 'failed' ? tone.error : v === 'printed' ? tone.ok : tone.serving }}>
                {t(`printStatus.${v}` as MessageKey)}
                {j.error ? `：${err(j.error)}` : ''}
                {j.attempts > 1 ? ` (${j.attempts})` : ''}
              </span>
            ),
          },
          {
            title: '',
            width: 70,
            render: (_: unknown, j: PrintJob) =>
              j.status === 'failed' ? (
                <Button size="small" type="primary" onClick={() => void retry.run({ jobId: j.id })}>
                  {t('print.retry')}
                </Button>
              ) : j.status === 'printed' ? (
                <Button size="small" onClick={() => void reprint.run({ jobId: j.id })}>
                  {t('print.reprint')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function SyncPanel() {
  const { t, err } = useI18n();
  const sync = useSyncState();
  const now = useStationCall('sync.now');
  const s = sync.data;
  const progress = s ? drainProgress(s) : null;
  return (
    <Card
      size="small"
      title={t('sync.title')}
      extra={
        <Button size="small" type="primary" loading={now.pending} onClick={() => void now.run({})} data-testid="sync-now">
          {t('sync.now')}
        </Button>
      }
    >
      <ErrorAlert error={sync.error ?? now.error} compact />
      {s && (
        <>
          <Descriptions
            size="small"
            column={3}
            items={[
              { key: 'c', label: t('sync.connection'), children: <StatusDot status={s.connection === 'online' ? 'ok' : s.connection === 'syncing' ? 'serving' : 'error'} label={t(`sync.state.${s.connection}` as MessageKey)} /> },
              { key: 'p', label: t('sync.pending'), children: <span style={{ color: s.pending > 0 ? tone.warn : undefined }}>{s.pending}</span> },
              { key: 'r', label: t('sync.rejectedCount'), children: <span style={{ color: s.rejected > 0 ? tone.error : undefined }}>{s.rejected}</span> },
              { key: 'l', label: t('sync.lastSuccess'), children: s.lastSuccessAt ? dateTime(s.lastSuccessAt) : '—' },
              { key: 'o', label: t('sync.offlineSince'), children: s.offlineSince ? dateTime(s.offlineSince) : '—' },
              { key: 'k', label: t('sync.cursor'), children: s.cursor },
            ]}
          />
          {s.connection === 'syncing' && progress && <Progress percent={progress.percent} format={() => `${progress.done}/${progress.total}`} aria-label={t('header.syncProgress', { done: progress.done, total: progress.total })} data-testid="sync-progress" />}
          {s.lastError && <ErrorAlert error={s.lastError} compact />}
          {s.warnings.map((w) => (
            <div key={w.code} style={{ color: tone.warn }}>
              ⚠ {err(w)}
            </div>
          ))}
        </>
      )}
    </Card>
  );
}

function RejectedList() {
  const { t, err } = useI18n();
  const rejected = useStationQuery('sync.rejected', {}, { on: ['sync'] });
  const retry = useStationCall('sync.retryRejected');
  return (
    <Card size="small" title={t('sync.rejected')} className="fill-card" style={{ flex: 1, minHeight: 0 }}>
      <ErrorAlert error={rejected.error ?? retry.error} compact />
      <ScrollBox label={t('sync.rejected')}>
      <Table<Rejected>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rejected.data ?? []}
        locale={{ emptyText: t('sync.noneRejected') }}
        data-testid="rejected-list"
        columns={[
          { title: t('sync.at'), dataIndex: 'at', width: 130, render: (v: string) => <span className="tabular">{dateTime(v)}</span> },
          { title: t('sync.what'), dataIndex: 'name', width: 150, render: (v: string, r: Rejected) => `${v}${r.caseNo ? ` ${r.caseNo}` : ''}` },
          { title: t('sync.reason'), dataIndex: 'message', render: (_: string, r: Rejected) => <span style={{ color: tone.error }}>{err({ code: r.code, message: r.message })}</span> },
          {
            title: '',
            width: 64,
            render: (_: unknown, r: Rejected) => (
              <Button size="small" onClick={() => void retry.run({ mutationId: r.id })}>
                {t('sync.retry')}
              </Button>
            ),
          },
        ]}
      />
      </ScrollBox>
    </Card>
  );
}

function SyncRuns() {
  const { t } = useI18n();
  const runs = useStationQuery('sync.runs', { limit: 20 }, { on: ['sync'] });
  return (
    <Card size="small" title={t('sync.runs')} className="fill-card" style={{ flex: 1, minHeight: 0 }}>
      <ErrorAlert error={runs.error} compact />
      <ScrollBox label={t('sync.runs')}>
      <Table<SyncRun>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={runs.data ?? []}
        columns={[
          { title: t('sync.at'), dataIndex: 'startedAt', width: 130, render: (v: string) => <span className="tabular">{dateTime(v)}</span> },
          { title: t('sync.trigger'), dataIndex: 'trigger', width: 80, render: (v: string) => (isMessageKey(`sync.trigger.${v}`) ? t(`sync.trigger.${v}` as MessageKey) : v) },
          { title: t('sync.pushed'), dataIndex: 'pushed', width: 150, render: (_: number, r: SyncRun) => `${r.pushed} / ${r.applied} / ${r.duplicates} / ${r.rejected}` },
          { title: t('sync.pulled'), dataIndex: 'pulled', width: 60 },
          {
            title: t('sync.result'),
            dataIndex: 'error',
            render: (v: string | null, r: SyncRun) => (v ? <span style={{ color: tone.error }}>{v}</span> : <span style={{ color: tone.ok }}>{r.durationMs !== null ? `${r.durationMs} ms` : '…'}</span>),
          },
        ]}
      />
      </ScrollBox>
    </Card>
  );
}
