// FakeNet behind real sockets, for tests with a browser or a separate peer process: one HTTP
// server answering POST /v1/join, serving the media files (CORS open) and upgrading
// /v1/tracker and /v1/signaling to WebSockets (a minimal RFC 6455 server: binary frames, close,
// ping; enough for one test run on loopback).
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { kOrigin } from './fake-services.js';

const kGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function encodeWsFrame(opcode, payload) {
  const n = payload.length;
  const header = n < 126 ? Buffer.from([0x80 | opcode, n])
    : n < 65536 ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff])
      : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(n)]);
  return Buffer.concat([header, Buffer.from(payload)]);
}

function bigLength(n) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

// Parses whole client frames off `buffer`; returns [frames, rest].
function decodeWsFrames(buffer) {
  const frames = [];
  for (;;) {
    if (buffer.length < 2) break;
    let length = buffer[1] & 0x7f;
    let at = 2;
    if (length === 126) { if (buffer.length < 4) break; length = buffer.readUInt16BE(2); at = 4; }
    else if (length === 127) { if (buffer.length < 10) break; length = Number(buffer.readBigUInt64BE(2)); at = 10; }
    const masked = (buffer[1] & 0x80) !== 0;
    const end = at + (masked ? 4 : 0) + length;
    if (buffer.length < end) break;
    const payload = Buffer.from(buffer.subarray(end - length, end));
    if (masked) for (let i = 0; i < length; i++) payload[i] ^= buffer[at + (i & 3)];
    frames.push({ opcode: buffer[0] & 0x0f, payload });
    buffer = buffer.subarray(end);
  }
  return [frames, buffer];
}

function upgrade(net, req, socket) {
  const accept = createHash('sha1').update(req.headers['sec-websocket-key'] + kGuid).digest('base64');
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
               `Sec-WebSocket-Accept: ${accept}\r\n\r\n`);
  const adapter = {  // what FakeNet sees: its own socket interface
    url: new URL(req.url, kOrigin),
    onopen: () => {},
    onmessage: (event) => socket.write(encodeWsFrame(2, new Uint8Array(event.data))),
    onclose: () => {},
  };
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    const [frames, rest] = decodeWsFrames(Buffer.concat([pending, chunk]));
    pending = rest;
    for (const f of frames) {
      if (f.opcode === 2) net.receive(adapter, new Uint8Array(f.payload));
      if (f.opcode === 9) socket.write(encodeWsFrame(10, f.payload));
      if (f.opcode === 8) socket.end(encodeWsFrame(8, new Uint8Array()));
    }
  });
  socket.on('close', () => net.closeSocket(adapter));
  socket.on('error', () => {});
  net.open(adapter);
}

/** Serves `net` (a FakeNet whose files are keyed by kOrigin URLs); resolves to {url, close()}. */
export function serveFakeNet(net) {
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' };
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); return res.end(); }
    for await (const _ of req) { /* drain the body */ }
    const response = await net.handleFetch(`${kOrigin}${req.url}`, {});
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...cors, 'content-length': body.length });
    res.end(body);
  });
  server.on('upgrade', (req, socket) => { sockets.add(socket); upgrade(net, req, socket); });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      server.close(r);
    }),
  })));
}
