import { Button, Segmented, Select, Space, Tag, Tooltip } from 'antd';
import type { ChecklistItem, DeferredItem, Receipt, RowState } from '../../intake-form';
import { receiptOptions, rowState } from '../../intake-form';
import { dayWithWeekday } from '../../format';
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
 * allowed) / 缺. A deferrable material marked 缺 shows the day it is due by, from its own deferral
 * limit; the clerk may agree an earlier working day with the applicant, never a later one.
 */
export function ChecklistTable({
  items,
  received,
  onMark,
  onMarkAll,
  deferred,
  dueDates,
  onPickDueDate,
  disabled,
}: {
  items: ChecklistItem[];
  received: Record<string, Receipt>;
  onMark: (materialCode: string, receipt: Receipt) => void;
  onMarkAll: (receipt: Receipt) => void;
  /** The deferred materials as the station decided them, with the days each may be due by. */
  deferred: DeferredItem[];
  /** The date each deferred material is due by now (picked or proposed). */
  dueDates: Record<string, string>;
  onPickDueDate: (materialCode: string, date: string) => void;
  disabled: boolean;
}) {
  const { t, lang } = useI18n();
  const deferredByCode = new Map(deferred.map((d) => [d.materialCode, d]));
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
                  {state === 'deferred' && (
                    <DueDatePicker item={deferredByCode.get(item.materialCode)} value={dueDates[item.materialCode]} lang={lang} disabled={disabled} onPick={(date) => onPickDueDate(item.materialCode, date)} />
                  )}
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

/**
 * "补交截止 [12-10 周四 ▾]（5个工作日）": the day proposed from the material's own limit, and the
 * earlier working days the clerk may agree instead. Until the station has decided, nothing shows.
 */
function DueDatePicker({
  item,
  value,
  lang,
  disabled,
  onPick,
}: {
  item: DeferredItem | undefined;
  value: string | undefined;
  lang: 'zh-CN' | 'en';
  disabled: boolean;
  onPick: (date: string) => void;
}) {
  const { t } = useI18n();
  if (!item || value === undefined) return null;
  return (
    <span style={{ color: tone.warn, fontSize: 12, marginLeft: 6 }} data-testid="due-date" data-due={value} data-latest={item.dueDate}>
      {t('intake.deferredUntil')}
      <Select<string>
        size="small"
        variant="borderless"
        value={value}
        disabled={disabled || item.dueDateChoices.length < 2}
        onChange={onPick}
        popupMatchSelectWidth={false}
        style={{ minWidth: 104 }}
        options={item.dueDateChoices.map((d) => ({ value: d, label: dayWithWeekday(d, lang) }))}
        aria-label={t('intake.deferredUntil')}
      />
      {item.deferralDays !== undefined && <span style={{ color: tone.muted }}>{t('intake.deferralDays', { n: item.deferralDays })}</span>}
    </span>
  );
}
