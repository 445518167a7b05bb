import { constants as zlibConstants } from 'node:zlib';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

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
  plugins: [
    react(),
    // Precompressed copies beside every text asset (app.js.br, app.js.gz): the API (spa.py) and
    // nginx (gzip_static, brotli_static) send the smallest one the browser accepts, with no
    // compression work per request. Brotli at its best quality: it is paid once, at build time.
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY },
        }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      threshold: 1024,
      exclude: [/\.vite\//],
      logLevel: 'silent',
    }),
  ],
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
