// First: configures zod before any schema is built (see zod-config.ts).
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { isPadPage } from './pad/pad-page';
import { PadScreen } from './pad/PadScreen';
import { I18nProvider } from './i18n/context';
import { createStationClient } from './station-client';
import { StationProvider } from './station-hooks';
// antd's styles as one static sheet (theme.zeroRuntime): no style is computed while the console first renders.
import 'antd/dist/antd.css';
import './styles.css';

const client = createStationClient();
const padPage = isPadPage(window.location);
if (padPage) document.body.classList.add('pad-page');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StationProvider client={client}>
      <I18nProvider>{padPage ? <PadScreen /> : <App />}</I18nProvider>
    </StationProvider>
  </StrictMode>,
);
