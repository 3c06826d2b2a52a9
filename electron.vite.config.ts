import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Three bundles: the main process (station back end wired to IPC), the preload (contextBridge) and
// the renderer (src/ui). The renderer build in out/renderer is also what the station web host serves
// to browsers, so it must not assume Electron: src/ui/station-client.ts picks IPC or HTTP at run time.
// Paths are relative to the repo root, where `electron-vite build` runs.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: 'electron/main.ts' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require anything but 'electron': bundle it whole, as CommonJS
      // (sandboxed preloads do not load ES modules).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: 'electron/preload.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/ui',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      emptyOutDir: true,
      // Browsers in town centres load this over the LAN from the web host: ship it minified.
      minify: true,
      rolldownOptions: { input: { index: 'src/ui/index.html' } },
      // antd and echarts are big by nature; the bundle is loaded from disk, never over a slow line.
      chunkSizeWarningLimit: 3000,
    },
  },
});
