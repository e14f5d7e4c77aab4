import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(webRoot, '..');

/**
 * The OneWindow web app. Served by the Fastify server from web/dist under a strict CSP
 * (`script-src 'self'`): no inline scripts, so Vite's inline module-preload polyfill is off.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(webRoot, 'dist'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // keep every asset a file: nothing inlined that a CSP might refuse
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    port: 5173,
    // the web app imports the catalog vocabulary from src/catalog/types.ts
    fs: { allow: [repoRoot] },
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000', '/.well-known': 'http://localhost:3000' },
  },
});
