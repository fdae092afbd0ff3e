// A tiny static server for web/dist that behaves like `rapport serve` towards
// the UI of a visitor who is not signed in: the same Content-Security-Policy, SPA
// fallback to index.html for unknown page paths, immutable caching for hashed
// assets, a stub for GET /api/v1/health, 401 for GET /api/v1/me (no session) and
// for every sign-in attempt (it has no accounts). For development and the e2e test only.
//
//   node e2e/static-server.mjs [--port 5174] [--root dist]
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const kContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** @type {Record<string, string>} */
const kContentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

const kHealthStub = { status: 'ok', version: '0.0.0-static' };

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {Record<string, string>} headers
 * @param {string | Buffer} body
 * @param {boolean} head
 */
function send(res, status, headers, body, head) {
  res.writeHead(status, {
    'Content-Security-Policy': kContentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(head ? undefined : body);
}

/**
 * @param {string} code
 * @param {string} message
 */
function errorJson(code, message) {
  return JSON.stringify({ error: { code, message } });
}

/**
 * @param {string} root
 * @param {string} filePath
 */
async function readIfFile(root, filePath) {
  if (filePath !== root && !filePath.startsWith(root + sep)) return undefined;
  try {
    if (!(await stat(filePath)).isFile()) return undefined;
    return await readFile(filePath);
  } catch {
    return undefined;
  }
}

/**
 * Starts the server; resolves once it listens.
 * @param {{ root: string, port?: number, host?: string }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer({ root, port = 0, host = '127.0.0.1' }) {
  const absRoot = resolve(root);
  const json = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  const server = createServer((req, res) => {
    void (async () => {
      const head = req.method === 'HEAD';
      if (req.method === 'POST' && req.url === '/api/v1/auth/login') {
        req.resume();
        send(
          res,
          401,
          json,
          errorJson('unauthenticated', 'wrong e-mail address or password'),
          false,
        );
        return;
      }
      if (req.method !== 'GET' && !head) {
        send(
          res,
          405,
          { ...json, Allow: 'GET, HEAD' },
          errorJson('method_not_allowed', 'GET only'),
          head,
        );
        return;
      }
      let path;
      try {
        path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        send(res, 400, json, errorJson('invalid_argument', 'bad path'), head);
        return;
      }
      if (path === '/api/v1/health') {
        send(res, 200, json, JSON.stringify(kHealthStub), head);
        return;
      }
      if (path === '/api/v1/me') {
        send(res, 401, json, errorJson('unauthenticated', 'not signed in'), head);
        return;
      }
      if (path.startsWith('/api/')) {
        send(res, 404, json, errorJson('not_found', 'no such route'), head);
        return;
      }
      const filePath = normalize(join(absRoot, path));
      const data = path.endsWith('/') ? undefined : await readIfFile(absRoot, filePath);
      if (data !== undefined) {
        const type = kContentTypes[extname(filePath)] ?? 'application/octet-stream';
        const cache = path.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache';
        send(res, 200, { 'Content-Type': type, 'Cache-Control': cache }, data, head);
        return;
      }
      // A missing file is a 404; any other path is a page the client router handles.
      if (path.startsWith('/assets/') || extname(path) !== '') {
        send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n', head);
        return;
      }
      const index = await readIfFile(absRoot, join(absRoot, 'index.html'));
      if (index === undefined) {
        send(
          res,
          500,
          { 'Content-Type': 'text/plain; charset=utf-8' },
          'No index.html; run `npm run build`.\n',
          head,
        );
        return;
      }
      send(
        res,
        200,
        { 'Content-Type': kContentTypes['.html'] ?? '', 'Cache-Control': 'no-cache' },
        index,
        head,
      );
    })();
  });
  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      resolveListen(undefined);
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('unexpected server address');
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => {
          resolveClose();
        });
      }),
  };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '5174' }, root: { type: 'string' } },
  });
  const root = values.root ?? fileURLToPath(new URL('../dist', import.meta.url));
  const { url } = await startStaticServer({ root, port: Number(values.port) });
  console.log(`Serving ${root} at ${url} (Ctrl-C to stop)`);
}
