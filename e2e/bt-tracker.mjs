// The WebSocket BitTorrent tracker p2p-media-loader announces to, on loopback (ws only).
//   node e2e/bt-tracker.mjs --port P
import { parseArgs } from 'node:util';

const { default: Server } = await import(
  new URL('../web/node_modules/bittorrent-tracker/server.js', import.meta.url));
const { values: args } = parseArgs({ options: { port: { type: 'string' } } });
const port = Number(args.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error('bt-tracker: --port must be an integer in [1, 65535]');
  process.exit(2);
}
const server = new Server({ udp: false, http: false, ws: true, stats: false });
server.on('error', (error) => console.error(`bt-tracker: ${error.message}`));
server.on('warning', (error) => console.error(`bt-tracker warning: ${error.message}`));
server.listen(port, '127.0.0.1', () => console.log(`bt-tracker: listening on ${port}`));
const close = () => server.close(() => process.exit(0));
process.on('SIGTERM', close);
process.on('SIGINT', close);
