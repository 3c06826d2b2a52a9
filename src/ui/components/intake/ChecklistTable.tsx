import { Button, Segmented, Space, Tag, Tooltip } from 'antd';
import type { ChecklistItem, Receipt, RowState } from '../../intake-form';
import { receiptOptions, rowState } from '../../intake-form';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { tone } from '../../theme';

const rowMark: Record<RowState, { sign: string; colour: string }> = {
  ok: { sign: '✔', colour: tone.ok },
  short: { sign: '✖', colour: tone.error },
  deferred: { sign: '◔', colour: tone.warn },
  'optional-missing': { sign: '–', colour: tone.muted },
};

/**
 * The one merged checklist of every chosen matter: a material asked by two matters is listed once.
 * Each row is marked as the clerk receives it: 原件 / 复印件 / 电子 / 承诺 (only where 告知承诺 is
 * allowed) / 缺.
 */
export function ChecklistTable({
  items,
  received,
  onMark,
  onMarkAll,
  deferredDueDate,
  disabled,
}: {
  items: ChecklistItem[];
  received: Record<string, Receipt>;
  onMark: (materialCode: string, receipt: Receipt) => void;
  onMarkAll: (receipt: Receipt) => void;
  deferredDueDate: string | null;
  disabled: boolean;
}) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1, border: `1px solid ${tone.line}`, borderRadius: 6 }} data-testid="checklist">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '4px 8px', background: '#fafbfc', borderBottom: `1px solid ${tone.line}` }}>
        <b>{t('intake.checklist', { n: items.length })}</b>
        <Space size={4}>
          <Button size="small" type="link" onClick={() => onMarkAll('original')} disabled={disabled || items.length === 0} data-testid="mark-all-original">
            {t('intake.markAllOriginal')}
          </Button>
          <Button size="small" type="link" onClick={() => onMarkAll('missing')} disabled={disabled || items.length === 0}>
            {t('intake.markAllMissing')}
          </Button>
        </Space>
      </div>
      <div className="scroll-y" style={{ flex: 1 }}>
        {items.length === 0 && <div style={{ padding: 12, color: tone.muted }}>{t('intake.checklistEmpty')}</div>}
        {items.map((item) => {
          const receipt = received[item.materialCode] ?? 'missing';
          const state = rowState(item, receipt);
          const mark = rowMark[state];
          return (
            <div
              key={item.materialCode}
              data-material={item.materialCode}
              data-state={state}
              style={{ display: 'grid', gridTemplateColumns: '20px 1fr auto', gap: 8, alignItems: 'center', padding: '5px 8px', borderBottom: `1px solid ${tone.line}` }}
            >
              <span style={{ color: mark.colour, fontWeight: 700, textAlign: 'center' }} aria-label={t(`intake.row.${state}` as MessageKey)}>
                {mark.sign}
              </span>
              <div style={{ minWidth: 0 }}>
                <Tooltip title={item.standard}>
                  <span style={{ fontWeight: item.necessity === 'required' ? 600 : 400 }}>{item.name}</span>
                </Tooltip>
                <span style={{ marginLeft: 8, whiteSpace: 'nowrap' }}>
                  <Tag color={item.necessity === 'deferrable' ? 'orange' : undefined} variant={item.necessity === 'optional' ? 'filled' : 'outlined'} style={{ marginInlineEnd: 4 }}>
                    {t(`necessity.${item.necessity}` as MessageKey)}
                  </Tag>
                  {item.commitmentAllowed && <Tag style={{ marginInlineEnd: 4 }}>{t('intake.commitmentAllowed')}</Tag>}
                  <span style={{ color: tone.muted, fontSize: 12 }}>
                    {item.originals > 0 ? t('intake.originals', { n: item.originals }) : ''}
                    {item.originals > 0 && item.copies > 0 ? ' ' : ''}
                    {item.copies > 0 ? t('intake.copies', { n: item.copies }) : ''}
                  </span>
                  {state === 'deferred' && deferredDueDate && <span style={{ color: tone.warn, fontSize: 12, marginLeft: 6 }}>{t('intake.deferredUntil', { date: deferredDueDate })}</span>}
                  {state === 'short' && receipt === 'copy' && <span style={{ color: tone.error, fontSize: 12, marginLeft: 6 }}>{t('intake.originalNeeded')}</span>}
                </span>
              </div>
              <Segmented<Receipt>
                className={`receipt-mark mark-${state}`}
                size="small"
                value={receipt}
                disabled={disabled}
                onChange={(v) => onMark(item.materialCode, v)}
                options={receiptOptions(item).map((r) => ({ value: r, label: t(`receipt.${r}` as MessageKey) }))}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
