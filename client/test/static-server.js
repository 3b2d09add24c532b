// A minimal static HTTP server for browser tests: URL prefixes mapped to directories.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const kTypes = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
                 '.m3u8': 'application/vnd.apple.mpegurl', '.ts': 'video/mp2t', '.json': 'application/json' };

/** Serves {prefix: directory}; resolves to {url, close()}. */
export function serveStatic(roots) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    if (!prefix || req.method !== 'GET') { res.writeHead(404); return res.end(); }
    const file = normalize(join(roots[prefix], path.slice(prefix.length)));
    if (!file.startsWith(normalize(roots[prefix]))) { res.writeHead(403); return res.end(); }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': kTypes[extname(file)] || 'application/octet-stream',
                           'content-length': body.length, 'access-control-allow-origin': '*' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  })));
}
