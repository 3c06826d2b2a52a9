import { tone } from '../../tone';
import { Button, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import type { Ticket } from '../../../contract/queue';
import { useI18n } from '../../i18n/context';
import { useCatalog } from '../../queries';
import { useLatestCall, useStationCall } from '../../station-hooks';
import { ErrorAlert } from '../ErrorAlert';

/**
 * 转移: the applicant in front of the clerk goes to another zone, matter or window and keeps the
 * number. Shown in place of the command buttons, so the queue stays in sight.
 */
export function TransferForm({ ticket, onDone, onCancel }: { ticket: Ticket; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const catalog = useCatalog();
  const transfer = useStationCall('queue.transfer');
  const [zoneCode, setZoneCode] = useState<string | undefined>(undefined);
  const [windowCode, setWindowCode] = useState<string | undefined>(undefined);
  const [matterCode, setMatterCode] = useState<string | undefined>(undefined);
  const [matterQuery, setMatterQuery] = useState('');
  const [position, setPosition] = useState<'front' | 'back'>('front');
  const matters = useLatestCall('catalog.search', matterQuery.trim() || zoneCode ? { query: matterQuery.trim(), ...(zoneCode ? { zoneCode } : {}), limit: 12 } : null);

  const zones = catalog.data?.zones ?? [];
  const windows = (catalog.data?.windows ?? []).filter((w) => w.kind === 'counter' && (!zoneCode || w.zoneCodes.includes(zoneCode)));
  const target = zoneCode || windowCode || matterCode;

  const submit = async () => {
    const answer = await transfer.run({
      ticketId: ticket.id,
      position,
      ...(zoneCode ? { zoneCode } : {}),
      ...(windowCode ? { windowCode } : {}),
      ...(matterCode ? { matterCode } : {}),
    });
    if (answer.ok) onDone();
  };

  return (
    <div data-testid="transfer-form" style={{ marginTop: 8, padding: 10, background: '#f5f7fa', borderRadius: 6 }}>
      <div style={{ fontWeight: 600, marginBottom: 8 }}>{t('transfer.title', { number: ticket.number })}</div>
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        <Select
          autoFocus
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('transfer.zone')}
          value={zoneCode}
          onChange={(v) => {
            setZoneCode(v);
            setWindowCode(undefined);
            setMatterCode(undefined);
          }}
          options={zones.map((z) => ({ value: z.code, label: `${z.code} ${z.name}` }))}
          style={{ width: '100%' }}
          data-testid="transfer-zone"
        />
        <Select
          allowClear
          showSearch={{ filterOption: false, onSearch: setMatterQuery }}
          placeholder={t('transfer.matter')}
          value={matterCode}
          onChange={setMatterCode}
          options={(matters.data ?? []).filter((h) => h.kind === 'matter').map((h) => ({ value: h.code, label: h.name }))}
          notFoundContent={null}
          style={{ width: '100%' }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('transfer.window')}
          value={windowCode}
          onChange={setWindowCode}
          options={windows.map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }))}
          style={{ width: '100%' }}
          data-testid="transfer-window"
        />
        <Radio.Group value={position} onChange={(e) => setPosition(e.target.value as 'front' | 'back')} optionType="button" buttonStyle="solid">
          <Radio.Button value="front">{t('transfer.front')}</Radio.Button>
          <Radio.Button value="back">{t('transfer.back')}</Radio.Button>
        </Radio.Group>
        <Space>
          <Button type="primary" disabled={!target} loading={transfer.pending} onClick={() => void submit()} data-testid="transfer-submit">
            {t('transfer.submit')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
        {!target && <div style={{ color: tone.muted, fontSize: 12 }}>{t('transfer.needTarget')}</div>}
        <ErrorAlert error={transfer.error} compact />
      </Space>
    </div>
  );
}
