import { Alert, Button } from 'antd';
import { useI18n } from '../../i18n/context';

/**
 * From November 1, while next year is still provisional (and all year, if this year is): the hall
 * counts those years from the statute until the State Council's notice is entered.
 */
export function ProvisionalWarning({ years, onGo, compact }: { years: number[]; onGo?: () => void; compact?: boolean }) {
  const { t } = useI18n();
  if (years.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="provisional-warning"
      title={
        compact ? (
          <span title={t('calendar.warnBody')}>
            <b>{t('calendar.warnTitle', { years: years.join('、') })}</b> {t('calendar.warnShort')}
          </span>
        ) : (
          t('calendar.warnTitle', { years: years.join('、') })
        )
      }
      {...(compact ? { style: { padding: '4px 12px' } } : { description: t('calendar.warnBody') })}
      action={
        onGo ? (
          <Button size="small" onClick={onGo}>
            {t('calendar.warnGoto')}
          </Button>
        ) : undefined
      }
    />
  );
}
