import { Button, Card, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { StationView } from '../../contract/api';
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime } from '../format';
import { useI18n } from '../i18n/context';
import { useStationCall, useStationQuery } from '../station-hooks';

const statusColor: Record<StationView['status'], string> = { pending: 'warning', approved: 'success', revoked: 'default' };

/**
 * 工作站: the hall's window PCs. A new PC waits until an administrator types in the six-digit code the
 * PC shows on its sign-in screen (reading it off that screen is what proves the PC is the one in the
 * hall); a lost or replaced PC is revoked, and can then no longer push or pull.
 */
export function StationsScreen() {
  const { t } = useI18n();
  const list = useStationQuery('stations.list', {});
  const approve = useStationCall('stations.approve');
  const revoke = useStationCall('stations.revoke');
  const [codes, setCodes] = useState<Record<string, string>>({});
  const done = () => void list.refetch();
  return (
    <Card size="small" title={t('stations.title')} extra={<Button onClick={done}>{t('stations.refresh')}</Button>} style={{ overflow: 'auto' }} data-testid="stations-screen">
      <ErrorAlert error={list.error ?? approve.error ?? revoke.error} />
      <Table<StationView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={list.data ?? []}
        columns={[
          { title: t('stations.id'), dataIndex: 'id', render: (v: string) => <span className="tabular">{v}</span> },
          { title: t('stations.label'), dataIndex: 'label' },
          { title: t('stations.window'), dataIndex: 'windowCode', width: 70 },
          { title: t('stations.status'), dataIndex: 'status', width: 90, render: (v: StationView['status']) => <Tag color={statusColor[v]}>{t(`stations.status.${v}`)}</Tag> },
          { title: t('stations.address'), dataIndex: 'address', width: 130 },
          { title: t('stations.registered'), dataIndex: 'createdAt', width: 150, render: (v: string) => dateTime(v) },
          {
            title: '',
            width: 260,
            render: (_: unknown, s) =>
              s.status === 'pending' ? (
                <Space>
                  <Input
                    value={codes[s.id] ?? ''}
                    onChange={(e) => setCodes({ ...codes, [s.id]: e.target.value.replace(/\D/g, '').slice(0, 6) })}
                    placeholder={t('stations.code')}
                    aria-label={t('stations.code')}
                    style={{ width: 110 }}
                    data-testid={`pairing-${s.id}`}
                  />
                  <Button type="primary" disabled={(codes[s.id] ?? '').length !== 6} loading={approve.pending} onClick={() => void approve.run({ stationId: s.id, pairingCode: codes[s.id]! }).then(done)}>
                    {t('stations.approve')}
                  </Button>
                </Space>
              ) : s.status === 'approved' ? (
                <Popconfirm title={t('stations.revokeConfirm', { id: s.id })} onConfirm={() => void revoke.run({ stationId: s.id }).then(done)}>
                  <Button danger>{t('stations.revoke')}</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
