// Time from spawning the language server to its answer to `initialize` over stdio, for one or
// more server jars, started in turn (so a busy machine slows each alike).
// Usage: node bench/lsp-startup.mjs [starts] [jar...]   (default: 5 starts of lsp-server/target/itinera-lsp.jar)
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import rpc from 'vscode-jsonrpc/node.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const starts = Number(process.argv[2] ?? 5);
const jars = process.argv.length > 3 ? process.argv.slice(3) : [resolve(here, '../../lsp-server/target/itinera-lsp.jar')];
const workspace = pathToFileURL(mkdtempSync(join(tmpdir(), 'itinera-startup-'))).href;
const now = () => Number(process.hrtime.bigint()) / 1e6;

async function startOnce(jar) {
  const started = now();
  const server = spawn(process.env.JAVA ?? 'java', ['-XX:+UseSerialGC', '-Xss4m', '-jar', jar], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((done) => server.on('exit', done));
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: workspace, capabilities: {} });
  const elapsed = now() - started;
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  await exited;
  connection.dispose();
  return elapsed;
}

const times = new Map(jars.map((jar) => [jar, []]));
for (let i = 0; i < starts; i++) {
  for (const jar of jars) {
    times.get(jar).push(await startOnce(jar));
  }
}
for (const [jar, samples] of times) {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(`${jar}: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms,`
    + ` max ${sorted.at(-1).toFixed(0)} ms (${samples.map((t) => t.toFixed(0)).join(' ')})`);
}
