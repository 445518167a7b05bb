import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA and the API share one origin: in development and in `vite preview` the API
// (uvicorn on 127.0.0.1:8000) is reached through this proxy, so the refresh cookie, which is
// SameSite=Strict and scoped to /api/v1/auth, is sent exactly as it will be behind nginx.
const apiTarget = process.env.MASTERYHUB_API_URL ?? 'http://127.0.0.1:8000';
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/healthz': { target: apiTarget, changeOrigin: false },
  '/readyz': { target: apiTarget, changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
  build: {
    target: 'es2022',
    sourcemap: false,
    // check:size reads the manifest to tell the initial chunks from the lazy ones.
    manifest: true,
    // The real budget is gzip size, enforced by `npm run check:size`.
    chunkSizeWarningLimit: 600,
  },
});
