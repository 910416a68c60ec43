import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    lib: { entry: 'src/index.ts', name: 'TandemWidget', formats: ['iife'], fileName: () => 'tandem-widget.js' },
  },
});
