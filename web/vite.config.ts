import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { precacheManifest } from './build/precache-manifest.ts';

// The dev server forwards the API and Firebase's init.json to the local stack (`npm start`).
const stack = process.env.LG_STACK_URL ?? 'http://127.0.0.1:5000';

export default defineConfig({
  plugins: [vue(), precacheManifest()],
  server: {
    proxy: { '/api': stack, '/__': stack },
  },
  build: {
    chunkSizeWarningLimit: 2000,
  },
});
