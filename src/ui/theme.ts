import type { ThemeConfig } from 'antd';
import { tone } from './tone';

export { tone, type Tone } from './tone';

export const theme: ThemeConfig = {
  // Component styles come from antd's static sheet (main.tsx), not computed at run time: computing
  // them was most of the window console's first render. Tokens below still apply, as CSS variables.
  zeroRuntime: true,
  token: {
    colorPrimary: tone.serving,
    colorSuccess: tone.ok,
    colorWarning: tone.warn,
    colorError: tone.error,
    colorInfo: tone.serving,
    colorBgLayout: tone.page,
    // Secondary and tertiary text (descriptions, empty states, table hints) dark enough for WCAG AA
    // at 12-14 px on white and on the page grey (axe-core in the end-to-end suite checks every screen).
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 6,
    fontSize: 14,
    // Counter PCs run Windows (Microsoft YaHei) or Linux (Noto Sans CJK); browsers pick the first present.
    fontFamily:
      "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', system-ui, sans-serif",
  },
  components: {
    Layout: { headerBg: '#16324f', headerHeight: 52, headerPadding: '0 16px' },
    Card: { headerHeight: 40, bodyPadding: 12 },
  },
};
