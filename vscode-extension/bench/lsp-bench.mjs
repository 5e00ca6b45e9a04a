// Measures the language server on a generated journey: startup, didChange → diagnostics, and
// completion latency. Usage: node bench/lsp-bench.mjs [lines] [completions]
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import rpc from 'vscode-jsonrpc/node.js';
import { generateJourney } from './generate-journey.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const jar = process.env.ITINERA_LSP_JAR ?? resolve(here, '../../lsp-server/target/itinera-lsp.jar');
const lines = Number(process.argv[2] ?? 2000);
const completions = Number(process.argv[3] ?? 200);
const edits = 30;

const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return `median ${at(0.5).toFixed(1)} ms · p95 ${at(0.95).toFixed(1)} ms · max ${sorted.at(-1).toFixed(1)} ms (n=${sorted.length})`;
};
const now = () => Number(process.hrtime.bigint()) / 1e6;

const text = generateJourney(lines);
const workspace = mkdtempSync(join(tmpdir(), 'itinera-bench-'));
// The generated journey's model is a real ONNX file with four inputs, as the validator checks it.
mkdirSync(join(workspace, 'models'));
copyFileSync(new URL('../../journeys/models/purchase_intent.onnx', import.meta.url), join(workspace, 'models', 'score.onnx'));
const uri = pathToFileURL(join(workspace, 'generated.journey')).href;
const started = now();
const server = spawn(process.env.JAVA ?? 'java', ['-XX:+UseSerialGC', '-Xss4m', '-jar', jar], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
let waiting;
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  if (waiting && params.uri === uri) {
    const done = waiting;
    waiting = undefined;
    done(params);
  }
});
connection.listen();
const diagnosticsAfter = (send) => new Promise((done) => { waiting = done; send(); });

await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace).href, capabilities: {} });
const startup = now() - started;
connection.sendNotification('initialized', {});

const opened = now();
const first = await diagnosticsAfter(() => connection.sendNotification('textDocument/didOpen', {
  textDocument: { uri, languageId: 'journey', version: 1, text },
}));
const openMs = now() - opened;
const errors = first.diagnostics.filter((d) => d.severity === 1);
if (errors.length > 0) {
  console.error('the generated journey has errors:', errors.slice(0, 5));
  process.exit(1);
}

// Each edit renames one transition target back and forth, as typing a name would.
const marker = text.indexOf('-> S1\n');
const before = text.slice(0, marker).split('\n');
const position = { line: before.length - 1, character: before.at(-1).length + 3 };
const changeTimes = [];
for (let i = 0; i < edits; i++) {
  const replacement = i % 2 === 0 ? 'X' : '1';
  const t = now();
  await diagnosticsAfter(() => connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: i + 2 },
    contentChanges: [{ range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: replacement }],
  }));
  changeTimes.push(now() - t);
}

const completionTimes = [];
const completionAt = { line: position.line, character: position.character };
for (let i = 0; i < completions; i++) {
  const t = now();
  const result = await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: completionAt });
  completionTimes.push(now() - t);
  if (i === 0 && result.items.length < 10) {
    console.error('too few completion items', result.items.length);
  }
}

console.log(`journey: ${text.split('\n').length - 1} lines`);
console.log(`startup (spawn → initialize answered): ${startup.toFixed(0)} ms`);
console.log(`didOpen → diagnostics: ${openMs.toFixed(0)} ms`);
console.log(`didChange → diagnostics: ${stats(changeTimes.slice(2))}`);
console.log(`completion after "-> ": ${stats(completionTimes.slice(5))}`);
await connection.sendRequest('shutdown');
connection.sendNotification('exit');
