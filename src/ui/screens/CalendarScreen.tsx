import { Alert, Button, Card, Input, Popover, Segmented, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CalendarPreview, DayChangeView, NoticeNoteView } from '../../contract/api';
import type { Session } from '../../contract/station-api';
import { calendarYearFromDays, specialDaysOf, type EditedDay } from '../../domain/calendar-change';
import { dayOfWeek, type LocalDate } from '../../domain/local-date';
import { HOLIDAY_NAMES, toggleDay } from '../calendar-grid';
import { GridLegend, YearGrid } from '../components/calendar/YearGrid';
import { MovedDeadlines } from '../components/calendar/MovedDeadlines';
import { ProvisionalWarning } from '../components/calendar/ProvisionalWarning';
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime } from '../format';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n';
import { useCalendarYears, useMovedDeadlines } from '../queries';
import { useStationCall, useStationQuery } from '../station-hooks';
import { tone } from '../theme';

type Mode = 'paste' | 'edit';

/**
 * 节假日日历 (administrators): every year the hall counts on, official or provisional; the State
 * Council's notice pasted in (or the days edited on the month grid), every changed day previewed
 * before saving, the guard's reasons to confirm, and the cases whose internal deadline moved.
 */
export function CalendarScreen({ session }: { session: Session }) {
  const { t, err } = useI18n();
  const admin = session.staff.role === 'admin';
  const list = useCalendarYears();
  const moved = useMovedDeadlines();
  const years = list.data?.years ?? [];
  const [year, setYear] = useState<number | null>(null);
  useEffect(() => {
    // Open on the year the warning is about, else on next year (the one a notice is due for).
    if (year === null && list.data) setYear(list.data.warnings.at(-1) ?? Number(list.data.today.slice(0, 4)) + 1);
  }, [year, list.data]);
  const shown = year ?? Number(list.data?.today.slice(0, 4) ?? new Date().getFullYear());
  const current = useStationQuery('calendar.year', { year: shown }, { enabled: year !== null });
  const revisions = useStationQuery('calendar.revisions', { year: shown }, { enabled: year !== null && admin });

  const [mode, setMode] = useState<Mode>('paste');
  const [text, setText] = useState('');
  const [draft, setDraft] = useState<EditedDay[]>([]);
  const [source, setSource] = useState('');
  const [brush, setBrush] = useState(HOLIDAY_NAMES[1]!);
  const [force, setForce] = useState(false);
  const preview = useStationCall('calendar.preview');
  const save = useStationCall('calendar.save');
  const [result, setResult] = useState<CalendarPreview | null>(null);

  // A new year on screen, or a new revision of it: the draft starts from it, the preview is gone.
  const data = current.data;
  useEffect(() => {
    if (!data) return;
    setDraft(specialDaysOf(data));
    setSource(data.status === 'official' ? data.source : `国务院办公厅关于${data.year}年部分节假日安排的通知`);
    setResult(null);
    setForce(false);
    preview.reset();
  }, [data?.year, data?.revision]);

  const runPreview = async () => {
    save.reset();
    setForce(false);
    const answer = mode === 'paste' ? await preview.run({ year: shown, text }) : await preview.run({ year: shown, calendar: calendarYearFromDays(shown, source.trim() || `${shown}`, draft) });
    setResult(answer.ok ? answer.value : null);
  };

  const runSave = async () => {
    if (!result) return;
    const answer = await save.run({ calendar: result.calendar, force, expectedRevision: result.current.revision });
    if (answer.ok) {
      setResult(null);
      setText('');
      void list.refetch();
      void current.refetch();
      void revisions.refetch();
      void moved.refetch();
    }
  };

  const gridDays = result ? specialDaysOf(result.calendar) : mode === 'edit' ? draft : data ? specialDaysOf(data) : [];
  const changed = useMemo(() => new Set<LocalDate>((result?.changes ?? []).map((c) => c.date)), [result]);
  const needsForce = (result?.guard.length ?? 0) > 0;
  const saved = save.value;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, flex: 1, minHeight: 0 }} data-testid="calendar-screen">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <b style={{ fontSize: 16 }}>{t('calendar.title')}</b>
        <Segmented
          value={shown}
          onChange={(v) => setYear(Number(v))}
          options={years.map((y) => ({
            value: y.year,
            label: (
              <span data-year-option={y.year} data-status={y.status}>
                {t('calendar.year', { year: y.year })}
                {y.status === 'provisional' && <span style={{ color: tone.warn }}> *</span>}
              </span>
            ),
          }))}
        />
        {data && (
          <Tag color={data.status === 'official' ? 'success' : 'warning'} data-testid="year-status" data-status={data.status}>
            {data.status === 'official' ? t('calendar.official', { revision: data.revision }) : t('calendar.provisional')}
          </Tag>
        )}
        {data && (
          <span style={{ color: tone.muted, fontSize: 12, flex: 1, minWidth: 0, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={data.source}>
            {t('calendar.source')}：{data.source}
          </span>
        )}
        {admin && (
          <Popover
            title={t('calendar.revisions')}
            content={
              <div style={{ maxWidth: 380 }} data-testid="revisions">
                {(revisions.data?.revisions ?? []).length === 0 && <div style={{ color: tone.muted }}>{t('calendar.noRevisions')}</div>}
                {(revisions.data?.revisions ?? []).map((r) => (
                  <div key={r.revision}>
                    {t('calendar.revisionLine', { revision: r.revision, at: dateTime(r.savedAt), by: r.savedBy ?? '-' })} {r.forced && <Tag color="error">{t('calendar.forcedTag')}</Tag>}
                  </div>
                ))}
              </div>
            }
          >
            <Button size="small">{t('calendar.revisions')}</Button>
          </Popover>
        )}
      </div>
      <ErrorAlert error={list.error ?? current.error} />
      <ProvisionalWarning years={list.data?.warnings ?? []} compact />
      <div style={{ display: 'flex', gap: 10, flex: 1, minHeight: 0 }}>
        <Card size="small" style={{ flex: 1, minWidth: 0 }} className="fill-card">
          <div className="scroll-y" style={{ flex: 1 }}>
            <YearGrid year={shown} days={gridDays} changed={changed} {...(admin && mode === 'edit' && !result ? { onDay: (d: LocalDate) => setDraft((x) => toggleDay(x, d, brush)) } : {})} />
          </div>
          <div style={{ marginTop: 6 }}>
            <GridLegend />
          </div>
        </Card>
        <div style={{ width: 470, flex: '0 0 470px', display: 'flex', flexDirection: 'column', gap: 8, minHeight: 0 }}>
          {!admin && <Alert type="info" showIcon title={t('calendar.adminOnly')} />}
          {admin && (
            <Card size="small" className="fill-card" style={{ flex: 1, minHeight: 0 }}>
              <div className="scroll-y" style={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 6 }}>
                <Tabs
                  size="small"
                  activeKey={mode}
                  onChange={(k) => {
                    setMode(k as Mode);
                    setResult(null);
                    preview.reset();
                  }}
                  items={[
                    {
                      key: 'paste',
                      label: t('calendar.tab.paste'),
                      children: (
                        <Input.TextArea
                          value={text}
                          onChange={(e) => setText(e.target.value)}
                          rows={result ? 2 : 6}
                          maxLength={20_000}
                          placeholder={t('calendar.pastePlaceholder', { year: shown })}
                          data-testid="notice-text"
                        />
                      ),
                    },
                    {
                      key: 'edit',
                      label: t('calendar.tab.edit'),
                      children: (
                        <Space orientation="vertical" style={{ width: '100%' }} size={6}>
                          <div style={{ color: tone.muted, fontSize: 12 }}>{t('calendar.editHint')}</div>
                          <Space.Compact style={{ width: '100%' }}>
                            <Select value={brush} onChange={setBrush} options={HOLIDAY_NAMES.map((n) => ({ value: n, label: n }))} style={{ width: 170 }} aria-label={t('calendar.brush')} />
                            <Button onClick={() => data && setDraft(specialDaysOf(data))}>{t('calendar.editReset')}</Button>
                          </Space.Compact>
                          <Input value={source} onChange={(e) => setSource(e.target.value)} maxLength={200} addonBefore={t('calendar.editSource')} />
                        </Space>
                      ),
                    },
                  ]}
                />
                <Button
                  type={result ? 'default' : 'primary'}
                  onClick={() => void runPreview()}
                  loading={preview.pending}
                  disabled={mode === 'paste' ? !text.trim() : false}
                  style={{ alignSelf: 'flex-start' }}
                  data-testid="preview-button"
                >
                  {t('calendar.preview')}
                </Button>
                <ErrorAlert error={preview.error} compact />
                {result && (
                  <PreviewPanel result={result}>
                    {needsForce && (
                      <Alert
                        type="error"
                        showIcon
                        data-testid="guard"
                        title={t('calendar.guardTitle')}
                        description={
                          <div>
                            {result.guard.map((g) => (
                              <div key={g.code} data-guard={g.code}>
                                {err({ code: g.code, message: g.code, details: g as unknown as Record<string, unknown> })}
                              </div>
                            ))}
                            <label style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 6, cursor: 'pointer' }}>
                              <Switch size="small" checked={force} onChange={setForce} data-testid="force" />
                              {t('calendar.force')}
                            </label>
                          </div>
                        }
                      />
                    )}
                    <Button
                      type="primary"
                      danger={needsForce}
                      disabled={needsForce && !force}
                      loading={save.pending}
                      onClick={() => void runSave()}
                      style={{ alignSelf: 'flex-start' }}
                      data-testid="save-button"
                    >
                      {t('calendar.save', { revision: Math.max(result.current.revision, revisions.data?.revisions[0]?.revision ?? 0) + 1 })}
                    </Button>
                    <ErrorAlert error={save.error} compact />
                  </PreviewPanel>
                )}
                {saved && !save.error && !result && (
                  <Alert
                    type="success"
                    showIcon
                    data-testid="saved"
                    title={t('calendar.saved', { year: saved.calendar.year, revision: saved.calendar.revision, changes: saved.changes.length, earlier: saved.earlier.length })}
                  />
                )}
              </div>
            </Card>
          )}
          <Card size="small" title={`${t('calendar.moved')}（${moved.data?.cases.length ?? 0}）`} style={{ flex: '0 0 auto' }}>
            <div style={{ color: tone.muted, fontSize: 12, marginBottom: 4 }}>{t('calendar.movedHint')}</div>
            <ErrorAlert error={moved.error} compact />
            <MovedDeadlines data={moved.data} compact />
          </Card>
        </div>
      </div>
    </div>
  );
}

const WEEKDAYS = '日一二三四五六';

function stateLabel(t: (k: MessageKey) => string, s: DayChangeView['before']): string {
  return `${t(`calendar.state.${s.reason}` as MessageKey)}${s.name ? `（${s.name}）` : ''}`;
}

function noteText(t: (k: MessageKey, p?: Record<string, string | number>) => string, n: NoticeNoteView): string {
  switch (n.kind) {
    case 'day-count-mismatch':
      return t('calendar.note.day-count-mismatch', { item: n.item, said: n.said, counted: n.counted });
    case 'outside-year':
      return t('calendar.note.outside-year', { item: n.item, date: n.date });
    case 'sentence-not-read':
      return t('calendar.note.sentence-not-read', { item: n.item, text: n.text });
    case 'festival-missing':
      return t('calendar.note.festival-missing', { names: n.names.join('、') });
  }
}

/** What the preview found: the count, the parser's doubts, the decision (children), then every changed day and the deadlines that move. */
function PreviewPanel({ result, children }: { result: CalendarPreview; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="preview">
      <div style={{ fontWeight: 600 }} data-testid="change-count" data-count={result.changes.length}>
        {result.changes.length === 0 ? t('calendar.noChanges') : t('calendar.changes', { n: result.changes.length })}
        <span style={{ fontWeight: 400, color: tone.muted, marginLeft: 8 }}>{t('calendar.openCases', { n: result.openCases })}</span>
      </div>
      {result.notes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={
            <div data-testid="notice-notes">
              {result.notes.map((n, i) => (
                <div key={i}>{noteText(t, n)}</div>
              ))}
            </div>
          }
        />
      )}
      <div style={{ color: result.earlier.length > 0 ? tone.warn : tone.muted }} data-testid="earlier" data-count={result.earlier.length}>
        {result.earlier.length > 0 ? t('calendar.earlier', { n: result.earlier.length }) : t('calendar.noEarlier')}
        {result.earlier.slice(0, 5).map((e) => (
          <div key={e.caseNo} className="tabular" style={{ fontSize: 12 }}>
            {e.caseNo}：{e.promisedDate} → {e.dueDate}
          </div>
        ))}
      </div>
      {children}
      {result.changes.length > 0 && (
        <Table<DayChangeView>
          size="small"
          rowKey="date"
          pagination={false}
          dataSource={result.changes}
          data-testid="changes"
          columns={[
            { title: t('calendar.col.date'), dataIndex: 'date', width: 130, render: (d: string) => <span className="tabular">{`${d} 周${WEEKDAYS[dayOfWeek(d)]}`}</span> },
            { title: t('calendar.col.before'), render: (_, c) => <span style={{ color: tone.muted }}>{stateLabel(t, c.before)}</span> },
            { title: t('calendar.col.after'), render: (_, c) => <span style={{ color: c.after.working ? tone.serving : tone.error, fontWeight: 600 }}>{stateLabel(t, c.after)}</span> },
          ]}
        />
      )}
    </div>
  );
}
