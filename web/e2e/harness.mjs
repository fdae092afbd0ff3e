// Shared set-up for the browser tests in this folder: which server to test and
// how to start Debian's Chromium (never a downloaded browser).
//
// RAPPORT_BASE_URL picks the server (unset: serve web/dist with static-server.mjs);
// RAPPORT_CHROMIUM overrides the browser binary (default /usr/bin/chromium).
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';

export const kChromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The server under test: RAPPORT_BASE_URL, or a static server for web/dist
 * started here (`close` stops it; a no-op for an external server).
 * @returns {Promise<{ baseUrl: string, close: () => Promise<void> }>}
 */
export async function startTarget() {
  const fromEnv = process.env['RAPPORT_BASE_URL'];
  if (fromEnv === undefined || fromEnv === '') {
    const root = fileURLToPath(new URL('../dist', import.meta.url));
    const server = await startStaticServer({ root });
    return { baseUrl: server.url, close: () => server.close() };
  }
  return { baseUrl: fromEnv.replace(/\/+$/, ''), close: async () => {} };
}

/** Headless Chromium from RAPPORT_CHROMIUM or /usr/bin/chromium. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env['RAPPORT_CHROMIUM'] ?? '/usr/bin/chromium',
    headless: true,
    args: kChromiumArgs,
  });
}
