import { Alert, Button, Card, Checkbox, DatePicker, Input, InputNumber, Select, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AppointmentSlot, WeekLayout } from '../../contract/appointment';
import type { Session } from '../../contract/station-api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n';
import { useCatalog } from '../queries';
import { useStationCall } from '../station-hooks';
import { tone } from '../theme';

interface TemplateSlot {
  start: string;
  end: string;
  capacity: number;
}

const defaultSlots: TemplateSlot[] = [
  { start: '09:00', end: '10:00', capacity: 20 },
  { start: '10:00', end: '11:00', capacity: 20 },
  { start: '14:00', end: '15:00', capacity: 20 },
  { start: '15:00', end: '16:00', capacity: 20 },
];

/**
 * 预约时段 for supervisors: a zone's week of slots laid out from a template (times and places per
 * slot, on the chosen weekdays). Laying the same week out again leaves what is there and says so.
 * The hall calendar decides the days: holidays and rest days are skipped and listed, a 补班 day
 * gets Monday's template and is marked.
 */
export function AppointmentSlotsScreen({ session }: { session: Session }) {
  const { t } = useI18n();
  const catalog = useCatalog();
  const layOut = useStationCall('appointments.layOutWeek');
  const zones = catalog.data?.zones ?? [];
  const [zoneCode, setZoneCode] = useState<string | undefined>(session.window?.zoneCodes[0]);
  // The coming Monday: a week is laid out ahead.
  const [from, setFrom] = useState<Dayjs>(() => dayjs().add(((8 - dayjs().day()) % 7) || 7, 'day'));
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [slots, setSlots] = useState<TemplateSlot[]>(defaultSlots);
  const [result, setResult] = useState<WeekLayout | null>(null);

  const setSlot = (i: number, patch: Partial<TemplateSlot>) => setSlots(slots.map((s, j) => (i === j ? { ...s, ...patch } : s)));
  const run = async () => {
    if (!zoneCode) return;
    const answer = await layOut.run({ zoneCode, from: from.format('YYYY-MM-DD'), days: 7, weekdays, slots });
    if (answer.ok) setResult(answer.value);
  };

  return (
    <Card size="small" title={t('appointments.title')} className="fill-card" data-testid="appointment-slots">
      <Space wrap size="large" style={{ marginBottom: 12 }}>
        <span>
          {t('appointments.zone')}{' '}
          <Select style={{ width: 200 }} aria-label={t('appointments.zone')} value={zoneCode} onChange={setZoneCode} options={zones.map((z) => ({ value: z.code, label: `${z.code}区 ${z.name}` }))} data-testid="slots-zone" />
        </span>
        <span>
          {t('appointments.from')}{' '}
          <span data-testid="slots-from">
            <DatePicker value={from} onChange={(d) => d && setFrom(d)} allowClear={false} aria-label={t('appointments.from')} />
          </span>
        </span>
        <span>
          {t('appointments.weekdays')}{' '}
          <Checkbox.Group value={weekdays} onChange={(v) => setWeekdays(v as number[])} options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`appointments.weekday${d}` as MessageKey) }))} />
        </span>
      </Space>
      <div style={{ marginBottom: 8, color: tone.muted }}>{t('appointments.calendarNote')}</div>
      <div style={{ marginBottom: 8, fontWeight: 600 }}>{t('appointments.slots')}</div>
      {slots.map((s, i) => (
        <Space key={i} style={{ marginBottom: 6 }} data-testid="template-slot">
          <Input style={{ width: 90 }} value={s.start} onChange={(e) => setSlot(i, { start: e.target.value })} aria-label={t('appointments.start')} className="tabular" />
          <span>–</span>
          <Input style={{ width: 90 }} value={s.end} onChange={(e) => setSlot(i, { end: e.target.value })} aria-label={t('appointments.end')} className="tabular" />
          <InputNumber min={1} max={500} aria-label={t('appointments.capacity')} value={s.capacity} onChange={(v) => setSlot(i, { capacity: Number(v ?? 1) })} addonAfter={t('appointments.capacity')} />
          <Button onClick={() => setSlots(slots.filter((_, j) => j !== i))} disabled={slots.length === 1}>
            {t('appointments.removeSlot')}
          </Button>
        </Space>
      ))}
      <div style={{ display: 'flex', gap: 12, margin: '8px 0 12px' }}>
        <Button onClick={() => setSlots([...slots, { start: '16:00', end: '17:00', capacity: 20 }])}>{t('appointments.addSlot')}</Button>
        <Button type="primary" onClick={() => void run()} loading={layOut.pending} disabled={!zoneCode || weekdays.length === 0} data-testid="lay-out-week">
          {t('appointments.layOut')}
        </Button>
      </div>
      <ErrorAlert error={layOut.error} onClose={layOut.reset} />
      {result && (
        <>
          <Alert
            type="success"
            showIcon
            title={t('appointments.created', { n: result.created.length })}
            description={
              [result.skippedHolidays ? t('appointments.skippedHolidays', { n: result.skippedHolidays }) : null, result.skipped.length ? t('appointments.skipped', { n: result.skipped.length }) : null]
                .filter(Boolean)
                .join('；') || undefined
            }
            data-testid="lay-out-result"
          />
          {(result.skippedDays.length > 0 || result.makeupDays.length > 0) && (
            <div style={{ marginTop: 8 }} data-testid="lay-out-days">
              <div style={{ fontWeight: 600 }}>{t('appointments.skippedDays')}</div>
              <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
                {result.skippedDays.map((d) => (
                  <li key={d.day} data-testid="skipped-day">
                    <span className="tabular">{d.day}</span> {t(`appointments.weekday${dayjs(d.day).day() || 7}` as MessageKey)} · {d.reason === 'holiday' ? `${t('appointments.holiday')}${d.name ? `（${d.name}）` : ''}` : t('appointments.restDay')}
                  </li>
                ))}
                {result.makeupDays.map((d) => (
                  <li key={d.day} data-testid="makeup-day">
                    <span className="tabular">{d.day}</span> {t(`appointments.weekday${dayjs(d.day).day() || 7}` as MessageKey)} · {t('appointments.makeupDay')}（{d.name}）
                  </li>
                ))}
              </ul>
            </div>
          )}
          <Table<AppointmentSlot>
            size="small"
            rowKey="id"
            pagination={false}
            style={{ marginTop: 8 }}
            dataSource={result.created}
            columns={[
              { title: t('appointments.day'), dataIndex: 'day' },
              { title: t('appointments.start'), dataIndex: 'start' },
              { title: t('appointments.end'), dataIndex: 'end' },
              { title: t('appointments.capacity'), dataIndex: 'capacity' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
