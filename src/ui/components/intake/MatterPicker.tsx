import { tone } from '../../tone';
import { AutoComplete, Select, Tag, Tooltip } from 'antd';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { SearchHit } from '../../../contract/station-api';
import type { IntakeForm } from '../../intake-form';
import { useI18n } from '../../i18n/context';
import { useCatalog } from '../../queries';
import { useLatestCall } from '../../station-hooks';
import { ErrorAlert } from '../ErrorAlert';

/**
 * Picks what the applicant came for: a search box that asks the station on every key (name, code or
 * pinyin initials: "yyzz" finds 营业执照), and the bundles (一件事) of the window's zones. The chosen
 * matters show as tags; a bundle is one tag and brings its matters with it.
 */
export interface MatterPickerHandle {
  focus: () => void;
}

export const MatterPicker = forwardRef<MatterPickerHandle, { form: IntakeForm; zoneCodes: string[]; onChange: (form: IntakeForm) => void; onPicked?: () => void; disabled: boolean }>(function MatterPicker(
  { form, zoneCodes, onChange, onPicked, disabled },
  ref,
) {
  const { t } = useI18n();
  const searchRef = useRef<{ focus: () => void } | null>(null);
  useImperativeHandle(ref, () => ({ focus: () => searchRef.current?.focus() }), []);
  const catalog = useCatalog();
  const [query, setQuery] = useState('');
  const search = useLatestCall('catalog.search', query.trim() ? { query: query.trim(), limit: 12 } : null, 60);

  const bundles = [...(catalog.data?.bundles ?? [])].sort((a, b) => Number(!zoneCodes.includes(a.zoneCode)) - Number(!zoneCodes.includes(b.zoneCode)));

  // Enter takes the top hit. Pressed before the hits for the typed text are back, it takes the
  // top one as soon as they arrive (a clerk types "yyzz⏎" faster than the station answers).
  const picked = useRef(false);
  const [enterPending, setEnterPending] = useState(false);
  const pick = (hit: SearchHit) => {
    picked.current = true;
    setEnterPending(false);
    if (hit.kind === 'bundle') {
      onChange({ ...form, bundle: { code: hit.code, name: hit.name, matterCodes: hit.matterCodes } });
    } else if (!form.matters.some((m) => m.code === hit.code)) {
      onChange({ ...form, matters: [...form.matters, { code: hit.code, name: hit.name }] });
    }
    setQuery('');
    onPicked?.();
  };

  const pickBundle = (code: string | undefined) => {
    const bundle = bundles.find((b) => b.code === code);
    onChange({ ...form, bundle: bundle ? { code: bundle.code, name: bundle.name, matterCodes: bundle.matterCodes } : null });
    if (bundle) onPicked?.();
  };

  const hits = search.data ?? [];
  useEffect(() => {
    if (enterPending && !search.pending && hits[0]) pick(hits[0]);
    // Only the arrival of hits completes a pending Enter.
  }, [enterPending, search.pending, hits]);
  const onKeyDown = (event: { key: string }) => {
    if (event.key !== 'Enter') {
      picked.current = false;
      return;
    }
    // The open list picked its active (first) option just before this handler ran.
    if (!picked.current && query.trim() !== '') setEnterPending(true);
    picked.current = false;
  };
  return (
    <div data-testid="matter-picker">
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 260px', gap: 8 }}>
        <AutoComplete
          ref={(el) => {
            searchRef.current = el;
          }}
          value={query}
          onChange={setQuery}
          onSelect={(_v: string, option: { hit?: SearchHit }) => option.hit && pick(option.hit)}
          onKeyDown={onKeyDown}
          defaultActiveFirstOption
          options={hits.map((hit) => ({
            value: `${hit.kind}:${hit.code}`,
            // The screen reader's name of the option: the matter, not its internal value.
            'aria-label': hit.kind === 'bundle' ? `${t('intake.bundleTag')} ${hit.name}` : hit.name,
            hit,
            label: (
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {hit.kind === 'bundle' && <Tag color="blue">{t('intake.bundleTag')}</Tag>}
                  {hit.name}
                </span>
                <span style={{ color: tone.muted, fontSize: 12, whiteSpace: 'nowrap' }}>
                  {hit.zoneCode}
                  {hit.kind === 'matter' && hit.caseType ? ` · ${hit.caseType === 'immediate' ? t('intake.immediate') : t('intake.promisedDays', { n: hit.promisedLimitDays ?? 0 })}` : ''}
                </span>
              </div>
            ),
          }))}
          placeholder={t('intake.searchMatter')}
          disabled={disabled}
          data-testid="matter-search"
          notFoundContent={query.trim() && !search.pending ? t('intake.noMatch') : null}
          aria-label={t('intake.searchMatter')}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('intake.bundle')}
          aria-label={t('intake.bundle')}
          value={form.bundle?.code}
          onChange={pickBundle}
          options={bundles.map((b) => ({ value: b.code, label: b.name }))}
          disabled={disabled}
          data-testid="bundle-select"
        />
      </div>
      <ErrorAlert error={search.error} compact />
      <div style={{ marginTop: 6, minHeight: 24 }} data-testid="chosen-matters">
        {form.bundle && (
          <Tooltip title={form.bundle.matterCodes.join('、')}>
            <Tag color="blue" closable={!disabled} onClose={() => onChange({ ...form, bundle: null })}>
              {t('intake.bundleChosen', { name: form.bundle.name, n: form.bundle.matterCodes.length })}
            </Tag>
          </Tooltip>
        )}
        {form.matters.map((m) => (
          <Tag key={m.code} closable={!disabled} onClose={() => onChange({ ...form, matters: form.matters.filter((x) => x.code !== m.code) })}>
            {m.name}
          </Tag>
        ))}
        {!form.bundle && form.matters.length === 0 && <span style={{ color: tone.muted }}>{t('intake.noMatterYet')}</span>}
      </div>
    </div>
  );
});
