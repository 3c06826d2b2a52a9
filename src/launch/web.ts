import { main } from './browser-mode';

// `npm run web`: the station in browser mode (see browser-mode.ts).
void main();
