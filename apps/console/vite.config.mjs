// @ts-check
// Builds the web console into dist/console, served by the orchestrator at /admin (apps/orchestrator/src/console).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/admin/',
  plugins: [react()],
  resolve: { alias: { '@retrace/domain': resolve(here, '../../libs/domain/src') } },
  build: { outDir: resolve(here, '../../dist/console'), emptyOutDir: true, sourcemap: true },
  logLevel: 'warn',
});
