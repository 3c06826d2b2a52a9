import { Modal } from 'antd';
import { useState } from 'react';
import { useCommandKeys } from '../../hooks/use-command-keys';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n';
import { commandKeys, type Command } from '../../keys';
import { Kbd } from '../Kbd';

/** Every key the console answers, in the order of a clerk's day; the same table the buttons print. */
const rows: Array<[string, MessageKey]> = [
  ...(
    [
      ['call', 'console.call'],
      ['recall', 'console.recall'],
      ['noShow', 'console.noShow'],
      ['transfer', 'console.transfer'],
      ['start', 'console.start'],
      ['finish', 'console.finish'],
      ['finishAndCall', 'console.finishAndCall'],
      ['pause', 'pause.pause'],
      ['readCard', 'intake.readCard'],
    ] as Array<[Command, MessageKey]>
  ).map(([command, label]): [string, MessageKey] => [commandKeys[command], label]),
  ['Enter', 'keymap.enter'],
  ['Esc', 'keymap.escape'],
  ['F12 / ?', 'keymap.help'],
];

/** F12 (or ? outside a field) opens the console's key map; Esc or F12 again closes it. */
export function KeyMap() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  useCommandKeys({ help: () => setOpen((o) => !o) });
  return (
    <Modal open={open} title={t('keymap.title')} footer={null} onCancel={() => setOpen(false)} width={420} destroyOnHidden>
      <table data-testid="key-map" style={{ width: '100%', borderCollapse: 'collapse', fontSize: 15 }}>
        <tbody>
          {rows.map(([key, label]) => (
            <tr key={key} data-key={key} style={{ borderBottom: '1px solid #f0f0f0' }}>
              <td style={{ padding: '5px 8px', width: 110 }}>
                <Kbd>{key}</Kbd>
              </td>
              <td style={{ padding: '5px 8px' }}>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
