/**
 * A tiny static file server for the built site, on 127.0.0.1 and a free port. It serves the same
 * directory at the root and under a sub-path, so tests can prove the site works from any sub-path.
 * Used by the e2e tests and by `npm run bench`.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** The sub-path the site is also served under. */
export const SUB_PATH = '/some/sub/path/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** http://127.0.0.1:PORT/ (with the trailing slash). */
  origin: string;
  port: number;
  /** Every path requested, with the status it got. */
  log: { path: string; status: number }[];
  close(): Promise<void>;
}

/** Serves `root` at `/` and at every prefix in `prefixes` (each like "/a/b/"). */
export async function serveStatic(root: string, prefixes: string[] = [SUB_PATH]): Promise<StaticServer> {
  const log: StaticServer['log'] = [];
  const server: Server = createServer((req, res) => {
    let path = decodeURIComponent((req.url ?? '/').split('?')[0]!.split('#')[0]!);
    for (const p of prefixes) {
      if (path === p.slice(0, -1)) {
        // "/some/sub/path" -> "/some/sub/path/", as static hosts do, so relative URLs resolve.
        log.push({ path, status: 301 });
        res.writeHead(301, { Location: p }).end();
        return;
      }
      if (path.startsWith(p)) {
        path = `/${path.slice(p.length)}`;
        break;
      }
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    let status = 200;
    try {
      if (!file.startsWith(normalize(root + sep)) || !statSync(file).isFile()) status = 404;
    } catch {
      status = 404;
    }
    log.push({ path: req.url ?? '', status });
    if (status !== 200 || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(status === 200 ? 405 : status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'method not allowed' : 'not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}/`,
    port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
