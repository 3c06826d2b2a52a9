import { Tag } from 'antd';
import type { MovedDeadlines as MovedDeadlinesView } from '../../../contract/api';
import { toDayNumber } from '../../../domain/local-date';
import { useI18n } from '../../i18n/context';
import { tone } from '../../theme';

type Row = MovedDeadlinesView['cases'][number];

const cell = { padding: '3px 6px', borderBottom: `1px solid ${tone.line}`, textAlign: 'left' as const, whiteSpace: 'nowrap' as const };

/**
 * Open cases whose internal deadline an official calendar moved before the promise printed on the
 * receipt: what the supervisor has to see decided sooner. (A plain table: the board loads no grid
 * component for a list that is usually empty.)
 */
export function MovedDeadlines({ data, compact }: { data: MovedDeadlinesView | undefined; compact?: boolean }) {
  const { t } = useI18n();
  const rows = data?.cases ?? [];
  const today = data?.today;
  if (rows.length === 0) return <div style={{ color: tone.muted }}>{t('calendar.movedNone')}</div>;
  return (
    <div className="scroll-y" style={{ maxHeight: compact ? 170 : 260 }}>
      <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13 }} className="tabular" data-testid="moved-deadlines">
        <thead>
          <tr style={{ color: '#595959' }}>
            <th style={cell}>{t('calendar.col.caseNo')}</th>
            {!compact && <th style={cell}>{t('calendar.col.window')}</th>}
            {!compact && <th style={cell}>{t('calendar.col.applicant')}</th>}
            <th style={cell}>{t('calendar.col.promised')}</th>
            <th style={cell}>{t('calendar.col.internal')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r: Row) => {
            const left = today ? toDayNumber(r.internalDueDate) - toDayNumber(today) : null;
            return (
              <tr key={r.caseNo} data-case-no={r.caseNo}>
                <td style={cell}>{r.caseNo}</td>
                {!compact && <td style={cell}>{r.windowCode}</td>}
                {!compact && <td style={cell}>{r.applicantName}</td>}
                <td style={cell}>{r.promisedDate}</td>
                <td style={{ ...cell, color: left !== null && left < 0 ? tone.error : tone.warn, fontWeight: 600 }}>
                  {r.internalDueDate}
                  {left !== null &&
                    (compact ? (
                      <div style={{ fontSize: 12, fontWeight: 400 }}>{left < 0 ? t('calendar.overdue') : t('calendar.daysLeft', { n: left })}</div>
                    ) : (
                      <Tag color={left < 0 ? 'error' : 'warning'} style={{ marginLeft: 6 }}>
                        {left < 0 ? t('calendar.overdue') : t('calendar.daysLeft', { n: left })}
                      </Tag>
                    ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
