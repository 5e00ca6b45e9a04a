// Starts the real shaded language server jar and talks LSP to it over stdio, as VS Code does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, mkdirSync, readdirSync, copyFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import rpc from 'vscode-jsonrpc/node.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const jar = process.env.ITINERA_LSP_JAR ?? resolve(here, '../../../lsp-server/target/itinera-lsp.jar');
const sample = readFileSync(resolve(here, '../../../journeys/cart-recovery.journey'), 'utf8');

function positionOf(text, marker, delta = 0) {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `marker ${marker} not found`);
  const before = text.slice(0, offset + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function offsetOf(text, { line, character }) {
  const lines = text.split('\n');
  return lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
}

function applyEdits(text, edits) {
  return [...edits]
    .sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start))
    .reduce((result, edit) => result.slice(0, offsetOf(text, edit.range.start)) + edit.newText
      + result.slice(offsetOf(text, edit.range.end)), text);
}

/** A workspace with the sample journeys' ONNX models in models/, as the journeys name them. */
function workspaceWithModels() {
  const workspace = mkdtempSync(join(tmpdir(), 'itinera-lsp-'));
  const models = resolve(here, '../../../journeys/models');
  mkdirSync(join(workspace, 'models'));
  for (const file of readdirSync(models).filter((name) => name.endsWith('.onnx'))) {
    copyFileSync(join(models, file), join(workspace, 'models', file));
  }
  return workspace;
}

/** Spawns the jar as VS Code does and connects to it over stdio. */
function startServer() {
  assert.ok(existsSync(jar), `${jar} is missing; build lsp-server first`);
  const server = spawn(process.env.JAVA ?? 'java', ['-XX:+UseSerialGC', '-Xss4m', '-jar', jar], { stdio: ['pipe', 'pipe', 'pipe'] });
  const session = { server, stderr: '', protocolErrors: [] };
  server.stderr.on('data', (chunk) => { session.stderr += chunk; });
  session.exited = new Promise((done) => server.on('exit', (code) => done(code)));
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  connection.onError(([error]) => session.protocolErrors.push(error));
  const diagnosticWaiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    for (const waiter of [...diagnosticWaiters]) {
      if (waiter.accepts(params)) {
        diagnosticWaiters.splice(diagnosticWaiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', () => []);
  connection.listen();
  session.connection = connection;
  session.nextDiagnostics = (uri, accepts) => new Promise((resolveWaiter) => diagnosticWaiters.push({
    accepts: (params) => params.uri === uri && accepts(params.diagnostics), resolve: resolveWaiter,
  }));
  return session;
}

test('the shaded server serves a journey over stdio from mistake to fix', { timeout: 120_000 }, async () => {
  // The sample names its ONNX model relative to itself, and the server checks the file.
  const workspace = workspaceWithModels();
  const started = process.hrtime.bigint();
  const session = startServer();
  const { server, connection, nextDiagnostics, exited, protocolErrors } = session;

  try {
    const initialized = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      capabilities: {
        workspace: { executeCommand: {}, workspaceEdit: { documentChanges: false } },
        textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true }, codeAction: {} },
      },
    });
    const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`server answered initialize ${startupMs.toFixed(0)} ms after spawn`);
    assert.ok(initialized.capabilities.completionProvider);
    assert.ok(initialized.capabilities.codeActionProvider);
    await connection.sendNotification('initialized', {});

    const uri = pathToFileURL(join(workspace, 'cart-recovery.journey')).href;
    const broken = sample.replace('after 1 hour -> Abandoned', 'after 1 hour -> Abandonned');
    const firstDiagnostics = nextDiagnostics(uri, (diagnostics) => diagnostics.length > 0);
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'journey', version: 1, text: broken },
    });
    const { diagnostics } = await firstDiagnostics;
    const mistake = diagnostics.find((d) => d.message.includes("Unknown stage 'Abandonned'"));
    assert.ok(mistake, JSON.stringify(diagnostics));
    assert.deepEqual(mistake.range.start, positionOf(broken, '-> Abandonned', 3));

    const completion = await connection.sendRequest('textDocument/completion', {
      textDocument: { uri }, position: positionOf(broken, '-> HighIntent', 3),
    });
    const labels = completion.items.map((item) => item.label);
    for (const stage of ['Carted', 'Abandoned', 'HighIntent', 'Converted', 'Lapsed']) {
      assert.ok(labels.includes(stage), `${stage} in ${labels}`);
    }

    const hover = await connection.sendRequest('textDocument/hover', {
      textDocument: { uri }, position: positionOf(broken, 'when cartValue', 6),
    });
    assert.match(hover.contents.value, /feature cartValue = sum\(cart_add\.price\) since last purchase/);

    const actions = await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: mistake.range, context: { diagnostics: [mistake] },
    });
    const change = actions.find((action) => action.title === "Change to 'Abandoned'");
    assert.ok(change, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyEdits(broken, change.edit.changes[uri]);
    assert.equal(fixed, sample);

    const cleared = nextDiagnostics(uri, (list) => !list.some((d) => d.severity === 1));
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }],
    });
    const after = await cleared;
    assert.deepEqual(after.diagnostics.filter((d) => d.severity === 1), []);

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0, session.stderr);
    assert.deepEqual(protocolErrors, [], 'stdout carried nothing but the protocol');
  } finally {
    connection.dispose();
    server.kill();
  }
});

test('the shaded server checks model signatures and drl blocks, and carries no model runtime', { timeout: 120_000 }, async () => {
  const size = statSync(jar).size;
  assert.ok(size < 40 * 2 ** 20, `the server jar is ${(size / 2 ** 20).toFixed(1)} MiB: something the editor does not need came back`);
  const workspace = workspaceWithModels();
  const { server, connection, nextDiagnostics } = startServer();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace).href, capabilities: {} });
    await connection.sendNotification('initialized', {});
    // The model gets three inputs where its file takes four; a raw drl block calls a method decisions lacks.
    const text = sample
      .replace('inputs views7d, cartValue, daysIdle, spend90d', 'inputs views7d, cartValue, daysIdle')
      .replace('    rule "Plain reminder" otherwise\n      then send push "cart_reminder"\n', `    rule "Plain reminder" otherwise
      then send push "cart_reminder"
    drl """
      rule "Rescue :: raw"
      when
        $customer : CustomerFact( number("cartValue") > 10 )
      then
        decisions.noSuchDecision("Rescue");
      end
    """
`);
    assert.notEqual(text, sample);
    const uri = pathToFileURL(join(workspace, 'checks.journey')).href;
    const checked = nextDiagnostics(uri, (list) => list.some((d) => d.code === 'io.itinera.journey.model.signatureMismatch')
      && list.some((d) => d.code === 'io.itinera.journey.drl.error'));
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'journey', version: 1, text } });
    const { diagnostics } = await checked;
    const model = diagnostics.find((d) => d.code === 'io.itinera.journey.model.signatureMismatch');
    assert.match(model.message, /The file expects inputs input: float\[\?, 4\]; outputs probability: float\[\?, 2\]/);
    assert.equal(model.range.start.line, positionOf(text, 'inputs views7d').line);
    const drl = diagnostics.find((d) => d.code === 'io.itinera.journey.drl.error');
    assert.match(drl.message, /^Drools cannot compile this drl block: .*noSuchDecision\(String\) is undefined/);
    // Drools places a consequence's errors at its rule; the Java compiler inside it names the method.
    assert.equal(drl.range.start.line, positionOf(text, 'rule "Rescue :: raw"').line);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    server.kill();
  }
});
