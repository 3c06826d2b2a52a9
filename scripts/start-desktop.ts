// `npm start`: the desktop app. Electron 45 fetches its binary on first use; where it cannot
// (no network, a locked-down counter PC, this CI machine), say how to use browser mode instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath: string;
try {
  electronPath = require('electron');
} catch (err) {
  console.error('无法启动桌面版: Electron 程序不可用 (' + (err instanceof Error ? err.message.split('\n')[0] : String(err)) + ')');
  console.error('The Electron binary is not installed and could not be downloaded on this machine.');
  console.error('Use browser mode instead:  npm run web   (then open the URL it prints)');
  process.exit(1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit', env: process.env });
child.on('exit', (code) => process.exit(code ?? 0));
