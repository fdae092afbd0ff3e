import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The rapport server sends a strict Content Security Policy (script-src 'self',
// style-src 'self'), so the built page must contain no inline script or style.
const apiUrl = process.env['RAPPORT_API_URL'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } })],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Never inline assets as data: URIs; files under assets/ are served immutable.
    assetsInlineLimit: 0,
    // The polyfill is an inline <script>, which the CSP forbids.
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
  },
  server: {
    // `npm run dev` talks to a locally running `rapport serve`, which also renders the
    // public help center (/help): it is not part of this app.
    proxy: {
      '/api': apiUrl,
      '/help': apiUrl,
    },
  },
});
