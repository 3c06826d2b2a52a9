import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ErrorBody } from '../../contract/primitives';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSyncState } from '../queries';
import { useStored } from '../hooks/use-stored';
import { useI18n } from '../i18n/context';
import { useLinkState, useStationCall, useStationQuery } from '../station-hooks';

/** The window is remembered per PC: the clerk at A3 signs in at A3 every morning. */
export const WINDOW_STORAGE_KEY = 'hall.windowCode';
const NO_WINDOW = '-';

interface Fields {
  username: string;
  password: string;
  windowCode: string;
}

/** `ended`: the hall ended the previous session here, and why. */
export function SignInScreen({ ended = null }: { ended?: ErrorBody | null }) {
  const { t, lang, setLang, err } = useI18n();
  const standing = useSyncState().data?.station;
  const windows = useStationQuery('session.windows', {});
  const login = useStationCall('session.login');
  const link = useLinkState();
  const [storedWindow, setStoredWindow] = useStored<string>(WINDOW_STORAGE_KEY, '');
  const [form] = Form.useForm<Fields>();
  const [typedWindow, setTypedWindow] = useState(false);

  const options = (windows.data ?? []).map((w) => ({
    value: w.code,
    label: `${w.code} ${w.name}${w.kind === 'reception' ? `（${t('signin.reception')}）` : ''}`,
  }));
  const knownStored = storedWindow && (windows.data === undefined || windows.data.some((w) => w.code === storedWindow));

  const submit = async (values: Fields) => {
    const windowCode = values.windowCode && values.windowCode !== NO_WINDOW ? values.windowCode.trim().toUpperCase() : undefined;
    const answer = await login.run({ username: values.username.trim(), password: values.password, ...(windowCode ? { windowCode } : {}) });
    if (answer.ok) setStoredWindow(windowCode ?? '');
    else form.setFieldValue('password', '');
  };

  const windowsFailed = windows.error !== null && windows.data === undefined;

  return (
    <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#16324f' }}>
      <Card
        style={{ width: 440 }}
        title={
          <div style={{ padding: '10px 0' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('signin.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('signin.subtitle')}</Typography.Text>
          </div>
        }
        extra={
          <Button size="small" type="text" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
            {lang === 'en' ? '中文' : 'EN'}
          </Button>
        }
      >
        {link === 'down' && <Alert type="error" showIcon title={t('app.stationDown')} description={t('app.stationDownHint')} style={{ marginBottom: 16 }} />}
        {ended && <Alert type="warning" showIcon title={err(ended)} style={{ marginBottom: 16 }} data-testid="signin-ended" />}
        {standing?.status === 'pending' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="signin-pairing"
            title={t('signin.pending')}
            description={
              <span>
                {t('signin.pendingHint', { station: standing.stationId })}
                <Typography.Text strong style={{ display: 'block', fontSize: 28, letterSpacing: 6, marginTop: 6 }}>
                  {standing.pairingCode}
                </Typography.Text>
              </span>
            }
          />
        )}
        {standing?.status === 'conflict' && <Alert type="error" showIcon title={t('signin.conflict', { station: standing.stationId })} style={{ marginBottom: 16 }} />}
        <Form<Fields>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ username: '', password: '', windowCode: knownStored ? storedWindow : undefined }}
          onFinish={(v) => void submit(v)}
          disabled={login.pending}
        >
          <Form.Item name="username" label={t('signin.username')} rules={[{ required: true, message: t('signin.usernameRequired') }]}>
            <Input autoFocus autoComplete="username" size="large" data-testid="signin-username" />
          </Form.Item>
          <Form.Item name="password" label={t('signin.password')} rules={[{ required: true, message: t('signin.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" size="large" data-testid="signin-password" />
          </Form.Item>
          <Form.Item
            name="windowCode"
            label={t('signin.window')}
            extra={windowsFailed ? t('signin.windowsUnavailable') : t('signin.windowHint')}
            // A hall window (A3) or a town centre's (TC01): 1..8 letters or digits, as in a case number.
            rules={[{ pattern: /^([A-Za-z0-9]{1,8}|-)$/, message: t('signin.windowFormat') }]}
          >
            {windowsFailed || typedWindow ? (
              <Input size="large" placeholder="A3" maxLength={8} data-testid="signin-window-input" />
            ) : (
              <Select
                size="large"
                showSearch={{ optionFilterProp: 'label' }}
                allowClear
                placeholder={t('signin.windowPlaceholder')}
                options={[...options, { value: NO_WINDOW, label: t('signin.noWindow') }]}
                loading={windows.loading}
                data-testid="signin-window"
                notFoundContent={
                  <Button type="link" size="small" onClick={() => setTypedWindow(true)}>
                    {t('signin.typeWindow')}
                  </Button>
                }
              />
            )}
          </Form.Item>
          <Space orientation="vertical" style={{ width: '100%' }} size={12}>
            <Button type="primary" htmlType="submit" size="large" block loading={login.pending} data-testid="signin-submit">
              {login.pending ? t('signin.signingIn') : t('signin.submit')}
            </Button>
            <ErrorAlert error={login.error} />
            {windowsFailed && <ErrorAlert error={windows.error} />}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
