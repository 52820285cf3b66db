/**
 * A tiny static file server for the built site, on 127.0.0.1 and a free port. It serves the same
 * directory at the root and under a sub-path, so tests can prove the site works from any sub-path.
 * Used by the e2e tests and by `npm run bench`. With `{ production: true }` it answers as a
 * production static host would (compressed text, long-lived caching of hashed assets), for the
 * Lighthouse figure of `npm run bench`.
 */
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

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

/** Types worth compressing (fonts and PNGs are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.ico', '.txt']);

/** Vite's output for hashed files: assets/<name>-<hash of 8 or more>.<ext>. */
const HASHED = /^assets\/(?:.+\/)?[^/]+-[\w-]{8,}\.[a-z0-9]+$/i;

export interface ServeOptions {
  /**
   * Serve as a production static host would: text files brotli- or gzip-compressed by the
   * request's Accept-Encoding (compressed once, at start), with Content-Length and
   * `Vary: Accept-Encoding`; hashed files under assets/ cached for a year as immutable, the rest
   * `no-cache`. Off by default: the tests get plain files, all `no-cache`.
   */
  production?: boolean;
}

interface Encoded {
  br: Buffer;
  gzip: Buffer;
}

/** Every compressible file under root, brotli (quality 11) and gzip (level 9) compressed. */
async function precompress(root: string): Promise<Map<string, Encoded>> {
  const out = new Map<string, Encoded>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && COMPRESSIBLE.has(extname(path))) {
        const body = readFileSync(path);
        const [br, gz] = await Promise.all([
          promisify(brotliCompress)(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
          promisify(gzip)(body, { level: 9 }),
        ]);
        out.set(normalize(path), { br, gzip: gz });
      }
    }
  };
  await walk(root);
  return out;
}

/** The encoding to answer with, from an Accept-Encoding header: br, else gzip, else none. */
function pickEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    offered.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

export interface StaticServer {
  /** http://127.0.0.1:PORT/ (with the trailing slash). */
  origin: string;
  port: number;
  /** Every path requested, with the status it got. */
  log: { path: string; status: number }[];
  close(): Promise<void>;
}

/** Serves `root` at `/` and at every prefix in `prefixes` (each like "/a/b/"). */
export async function serveStatic(root: string, prefixes: string[] = [SUB_PATH], opts: ServeOptions = {}): Promise<StaticServer> {
  const log: StaticServer['log'] = [];
  const compressed = opts.production ? await precompress(root) : null;
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
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (!compressed) {
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
      return;
    }
    const hashed = HASHED.test(relative(root, file).split(sep).join('/'));
    const headers: OutgoingHttpHeaders = {
      'Content-Type': type,
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    const variants = compressed.get(file);
    const encoding = variants ? pickEncoding(req.headers['accept-encoding']) : null;
    if (variants) headers['Vary'] = 'Accept-Encoding';
    const body = variants && encoding ? variants[encoding] : readFileSync(file);
    if (encoding) headers['Content-Encoding'] = encoding;
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
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
