import { useMemo } from 'react';
import type { EditedDay } from '../../../domain/calendar-change';
import type { LocalDate } from '../../../domain/local-date';
import { monthWeeks, type GridDay } from '../../calendar-grid';
import { useI18n } from '../../i18n/context';
import { tone } from '../../theme';

const look: Record<GridDay['kind'], { background: string; color: string }> = {
  weekday: { background: '#fff', color: '#262626' },
  weekend: { background: '#fafafa', color: tone.muted },
  holiday: { background: '#fff1f0', color: tone.error },
  makeup: { background: '#e6f4ff', color: tone.serving },
};

/**
 * A year at a glance: twelve months, the days off in red, the weekends worked in blue, and the days
 * a previewed notice would change outlined in orange. Clicking a day edits it (when `onDay` is set).
 */
export function YearGrid({ year, days, changed, onDay }: { year: number; days: EditedDay[]; changed: ReadonlySet<LocalDate>; onDay?: (date: LocalDate) => void }) {
  const { t } = useI18n();
  const special = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  const heads = [...t('calendar.weekdays')];
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: '6px 12px' }} data-testid="year-grid" data-year={year}>
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
        <div key={month}>
          <div style={{ fontWeight: 600, fontSize: 13, marginBottom: 2 }}>{t('calendar.month', { month })}</div>
          <table style={{ borderCollapse: 'separate', borderSpacing: 2, width: '100%', tableLayout: 'fixed', fontSize: 12 }} className="tabular">
            <thead>
              <tr>
                {heads.map((h, k) => (
                  <th key={k} style={{ fontWeight: 400, color: k >= 5 ? tone.muted : '#595959', padding: 0 }}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthWeeks(year, month, special, changed).map((week, w) => (
                <tr key={w}>
                  {week.map((d, k) =>
                    d ? (
                      <td
                        key={d.date}
                        title={d.name ? `${d.date} ${d.name}` : d.date}
                        data-date={d.date}
                        data-kind={d.kind}
                        data-changed={d.changed || undefined}
                        onClick={onDay ? () => onDay(d.date) : undefined}
                        style={{
                          ...look[d.kind],
                          textAlign: 'center',
                          height: 19,
                          padding: 0,
                          borderRadius: 3,
                          cursor: onDay ? 'pointer' : 'default',
                          outline: d.changed ? `2px solid ${tone.warn}` : undefined,
                          outlineOffset: -2,
                          fontWeight: d.kind === 'holiday' || d.kind === 'makeup' ? 600 : 400,
                          position: 'relative',
                        }}
                      >
                        {d.day}
                        {d.kind === 'makeup' && <span style={{ position: 'absolute', top: -3, right: 1, fontSize: 8 }}>班</span>}
                      </td>
                    ) : (
                      <td key={`x${k}`} />
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

/** The colours' meanings, under the grid. */
export function GridLegend() {
  const { t } = useI18n();
  const item = (background: string, color: string, label: string, outline?: string) => (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <span style={{ width: 14, height: 14, borderRadius: 3, background, border: `1px solid ${color}`, outline, outlineOffset: -2 }} />
      {label}
    </span>
  );
  return (
    <div style={{ display: 'flex', gap: 14, fontSize: 12, color: '#595959' }}>
      {item(look.holiday.background, tone.error, t('calendar.legend.holiday'))}
      {item(look.makeup.background, tone.serving, t('calendar.legend.makeup'))}
      {item(look.weekend.background, tone.muted, t('calendar.legend.weekend'))}
      {item('#fff', tone.line, t('calendar.legend.changed'), `2px solid ${tone.warn}`)}
    </div>
  );
}
