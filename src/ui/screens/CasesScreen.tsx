import { Button, Card, DatePicker, Input, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { CaseSummary, Session } from '../../contract/station-api';
import { CaseDetailPanel } from '../components/cases/CaseDetailPanel';
import { CaseStatusTag } from '../components/cases/CaseStatusTag';
import { ErrorAlert } from '../components/ErrorAlert';
import { clockTime, today } from '../format';
import { useI18n } from '../i18n/context';
import { useStationQuery } from '../station-hooks';
import { tone } from '../theme';
import { scrollWhenTall } from '../table-scroll';

/** Debounced text: the list follows the search box without a request per keystroke. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** 办件: today's cases of this window, a search by case number / ID number / date, and the detail. */
export function CasesScreen({ session: _session }: { session: Session }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [date, setDate] = useState<string>(today());
  const [selected, setSelected] = useState<string | null>(null);
  const q = useDebounced(query.trim(), 250);
  const list = useStationQuery('cases.list', { ...(date ? { date } : {}), ...(q ? { query: q } : {}), limit: 200 }, { on: ['cases'] });

  const all = [
    {
      title: t('cases.caseNo'),
      dataIndex: 'caseNo',
      width: 200,
      render: (v: string, row: CaseSummary) => (
        <span className="tabular" style={{ fontWeight: 600 }}>
          {v}
          {row.pendingSync && (
            <Tag style={{ marginLeft: 6 }} color="default">
              {t('cases.pendingSync')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('cases.applicant'),
      dataIndex: 'applicantName',
      width: 150,
      render: (v: string, row: CaseSummary) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{v}</div>
          <div className="tabular" style={{ color: tone.muted, fontSize: 12 }}>
            {row.idNumberMasked}
          </div>
        </div>
      ),
    },
    { title: t('cases.matters'), dataIndex: 'matterNames', ellipsis: true, render: (v: string[]) => v.join('、') },
    { title: t('cases.status'), dataIndex: 'status', width: 104, render: (_: string, row: CaseSummary) => <CaseStatusTag status={row.status} /> },
    {
      title: t('cases.promisedDate'),
      dataIndex: 'promisedDate',
      width: 110,
      render: (v: string, row: CaseSummary) => (
        <span className={row.overdue ? 'overdue tabular' : 'tabular'}>
          {v}
          {row.deferredOverdue && <div style={{ color: tone.error, fontSize: 12 }}>{t('cases.deferredOverdue')}</div>}
        </span>
      ),
    },
    { title: t('cases.acceptedAt'), dataIndex: 'acceptedAt', width: 84, render: (v: string) => <span className="tabular">{clockTime(v)}</span> },
  ];
  // With the detail open the list keeps what finds a case again: number, person, status, date.
  const columns = selected ? all.filter((c) => c.dataIndex !== 'matterNames' && c.dataIndex !== 'acceptedAt') : all;

  return (
    <div style={{ display: 'flex', gap: 10, flex: 1, minHeight: 0 }}>
      <Card
        size="small"
        className="fill-card"
        style={{ flex: selected ? '0 0 44%' : 1, minWidth: 0 }}
        title={t('cases.title')}
      >
        <div style={{ display: 'flex', gap: 8, marginBottom: 8, flexWrap: 'wrap' }}>
          <Input.Search
            allowClear
            placeholder={t('cases.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onSearch={(v) => setQuery(v)}
            style={{ flex: '1 1 220px' }}
            data-testid="cases-search"
          />
          {/* antd's picker, not the browser's: the date reads 2026-11-28 whatever the PC's locale. */}
          <DatePicker
            value={date ? dayjs(date) : null}
            format="YYYY-MM-DD"
            onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : '')}
            style={{ width: 150 }}
            aria-label={t('cases.date')}
            data-testid="cases-date"
          />
          <Button onClick={() => setDate(today())}>{t('cases.today')}</Button>
          <Button onClick={() => setDate('')}>{t('cases.allDates')}</Button>
        </div>
        <ErrorAlert error={list.error} compact />
        <Table<CaseSummary>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.loading && list.data === undefined}
          pagination={false}
          scroll={scrollWhenTall(list.data?.length ?? 0, 540)}
          onRow={(row) => ({ onClick: () => setSelected(row.id), style: { cursor: 'pointer' } })}
          rowClassName={(row) => (row.id === selected ? 'row-selected' : '')}
          locale={{ emptyText: q || date !== today() ? t('cases.noneFound') : t('cases.noneToday') }}
          data-testid="cases-table"
        />
      </Card>
      {selected && (
        <div style={{ flex: 1, minWidth: 0, display: 'flex', minHeight: 0 }}>
          <CaseDetailPanel caseId={selected} onClose={() => setSelected(null)} />
        </div>
      )}
    </div>
  );
}
