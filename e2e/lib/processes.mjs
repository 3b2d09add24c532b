// Child processes of an e2e run: each logs to its own file under the run directory, and all
// are stopped (SIGTERM, then SIGKILL) when the run ends, whatever way it ends.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const children = new Set();

/** Starts `command` with `args`; stdout and stderr go to <logDir>/<name>.log. */
export function start(name, command, args, { logDir, env = {}, cwd } = {}) {
  const log = fs.openSync(path.join(logDir, `${name}.log`), 'a');
  const child = spawn(command, args, { stdio: ['ignore', log, log], cwd,
                                       env: { ...process.env, ...env } });
  child.name = name;
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    children.delete(child);
    resolve({ code, signal });
  }));
  child.on('error', (error) => fs.appendFileSync(path.join(logDir, `${name}.log`),
                                                 `spawn failed: ${error.message}\n`));
  children.add(child);
  return child;
}

/** Stops one child: SIGTERM, then SIGKILL after `graceMs`. Resolves with its exit. */
export async function stop(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return child.exited;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const result = await child.exited;
  clearTimeout(timer);
  return result;
}

/** Stops every child still running. */
export async function stopAll() {
  await Promise.all([...children].map((c) => stop(c)));
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `check()` returns truthy; rejects after `timeoutMs` naming `what`. */
export async function waitFor(what, check, timeoutMs = 30000, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Resolves once `url` answers 200. */
export function waitForHttp(url, timeoutMs) {
  return waitFor(url, async () => (await fetch(url)).ok, timeoutMs);
}
