import { Alert, Button, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ulid } from 'ulid';
import type { StationResult } from '../../../contract/station-api';
import { useI18n } from '../../i18n/context';
import type { IntakeForm } from '../../intake-form';
import { useStationCall } from '../../station-hooks';
import { ErrorAlert } from '../ErrorAlert';

type Item = StationResult<'intake.checklist'>[number];
type Scanned = { fileName: string; contentType: string; contentBase64: string };

const TYPES = 'application/pdf,image/jpeg,image/png';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * 转报区级审批 at a town centre's counter (就近受理、远程审批): the applicant as read from the card,
 * each paper scanned or photographed as a file, sent to the district's inbox (town.file). The
 * materials the clerk marked as 告知承诺 go as commitments. One request id per opening of the
 * dialog, so sending again after a lost answer files the same application once.
 */
export function TownFilingModal({ open, siteName, form, items, onClose }: { open: boolean; siteName: string; form: IntakeForm; items: Item[]; onClose: (filed: boolean) => void }) {
  const { t } = useI18n();
  const [requestId, setRequestId] = useState(() => ulid());
  const [files, setFiles] = useState<Record<string, Scanned>>({});
  const [done, setDone] = useState<StationResult<'town.file'> | null>(null);
  const file = useStationCall('town.file');

  const close = () => {
    const filed = done !== null;
    setFiles({});
    setDone(null);
    setRequestId(ulid());
    file.reset();
    onClose(filed);
  };

  const pick = async (code: string, f: File | undefined) => {
    if (!f) return;
    const contentBase64 = await readAsBase64(f);
    setFiles((all) => ({ ...all, [code]: { fileName: f.name, contentType: f.type, contentBase64 } }));
  };

  const send = async () => {
    const commitments = items.filter((i) => form.received[i.materialCode] === 'commitment').map((i) => i.materialCode);
    const agent = form.agentOn ? { agent: { name: form.agent.name, idNumber: form.agent.idNumber, ...(form.agent.phone.trim() ? { phone: form.agent.phone.trim() } : {}) } } : {};
    const answer = await file.run({
      requestId,
      applicant: {
        name: form.applicant.name,
        idNumber: form.applicant.idNumber,
        phone: form.applicant.phone.trim(),
        ...(form.applicant.address.trim() ? { address: form.applicant.address.trim() } : {}),
      },
      ...agent,
      matterCodes: form.bundle ? form.bundle.matterCodes : form.matters.map((m) => m.code),
      ...(form.bundle ? { bundleCode: form.bundle.code } : {}),
      commitments,
      files: Object.entries(files).map(([materialCode, s]) => ({ materialCode, ...s })),
    });
    if (answer.ok) setDone(answer.value);
  };

  return (
    <Modal
      open={open}
      title={t('town.title', { site: siteName })}
      onCancel={close}
      width={640}
      footer={
        done ? (
          <Button type="primary" onClick={close} data-testid="town-done">
            {t('town.done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={file.pending} onClick={() => void send()} disabled={!form.applicant.phone.trim()} data-testid="town-send">
              {t('town.send')}
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <Alert type="success" showIcon message={t('town.filed', { zone: done.zoneCode })} description={t('town.filedHint')} data-testid="town-filed" />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          <div>{t('town.hint')}</div>
          {!form.applicant.phone.trim() && <Alert type="warning" showIcon message={t('town.phoneNeeded')} />}
          <Table<Item>
            size="small"
            rowKey="materialCode"
            pagination={false}
            dataSource={items}
            data-testid="town-materials"
            columns={[
              { title: t('town.col.material'), dataIndex: 'name', render: (name: string, i) => (i.necessity === 'required' ? <strong>{name}</strong> : name) },
              {
                title: t('town.col.file'),
                width: 260,
                render: (_v, i) =>
                  form.received[i.materialCode] === 'commitment' ? (
                    <Tag>{t('town.commitment')}</Tag>
                  ) : (
                    <Space size={4}>
                      <input
                        type="file"
                        accept={TYPES}
                        aria-label={t('town.pickFile', { material: i.name })}
                        onChange={(e) => void pick(i.materialCode, e.target.files?.[0])}
                        data-testid={`town-file-${i.materialCode}`}
                      />
                    </Space>
                  ),
              },
            ]}
          />
          <ErrorAlert error={file.error} />
        </Space>
      )}
    </Modal>
  );
}
