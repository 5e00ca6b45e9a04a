import * as path from 'node:path';
import * as fs from 'node:fs';
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  await client.start();

  const testDiagnostics = vscode.languages.createDiagnosticCollection('itinera tests');
  const output = vscode.window.createOutputChannel('Itinera');
  context.subscriptions.push(
    testDiagnostics,
    output,
    vscode.commands.registerCommand('itinera.showGraph', () => showGraph(context)),
    vscode.commands.registerCommand('itinera.runTests', () => runTests(testDiagnostics, output)),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** The java executable: the itinera.javaHome setting, else JAVA_HOME, else java on the PATH. */
function javaExecutable(): string {
  const configured = vscode.workspace.getConfiguration('itinera').get<string>('javaHome') || process.env.JAVA_HOME;
  const binary = process.platform === 'win32' ? 'java.exe' : 'java';
  if (configured) {
    const candidate = path.join(configured, 'bin', binary);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
    void vscode.window.showWarningMessage(`Itinera: no ${binary} in ${configured}/bin; using java from the PATH. Check the itinera.javaHome setting.`);
  }
  return binary;
}

/**
 * The first start records the classes the server loads in a class data sharing archive; later
 * starts map it instead of loading and verifying the classes again.
 */
function classDataSharing(context: vscode.ExtensionContext): string {
  const storage = context.globalStorageUri.fsPath;
  fs.mkdirSync(storage, { recursive: true });
  const archive = path.join(storage, `itinera-lsp-${context.extension.packageJSON.version}.jsa`);
  return fs.existsSync(archive) ? `-XX:SharedArchiveFile=${archive}` : `-XX:ArchiveClassesAtExit=${archive}`;
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const jar = context.asAbsolutePath(path.join('server', 'itinera-lsp.jar'));
  const serverOptions: ServerOptions = {
    command: javaExecutable(),
    args: ['-XX:+UseSerialGC', '-Xss4m', '-Xshare:auto', classDataSharing(context), '-jar', jar],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'journey' }, { scheme: 'untitled', language: 'journey' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.journey') },
  };
  return new LanguageClient('itinera', 'Itinera Journeys', serverOptions, clientOptions);
}

async function mermaidFor(document: vscode.TextDocument): Promise<string | undefined> {
  if (!client) {
    return undefined;
  }
  return client.sendRequest<string | null>('workspace/executeCommand', {
    command: 'itinera.graph',
    arguments: [document.uri.toString()],
  }).then((graph) => graph ?? undefined);
}

async function showGraph(context: vscode.ExtensionContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'journey') {
    void vscode.window.showInformationMessage('Itinera: open a .journey file to see its graph.');
    return;
  }
  const document = editor.document;
  const media = vscode.Uri.joinPath(context.extensionUri, 'out', 'media');
  const panel = vscode.window.createWebviewPanel('itineraGraph', `Graph: ${path.basename(document.fileName)}`,
    vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [media] });
  const mermaidUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'mermaid.min.js'));

  const render = async () => {
    const graph = await mermaidFor(document);
    panel.webview.html = graphPage(panel.webview, mermaidUri, graph ?? 'flowchart LR\n  empty["The journey has errors; fix them to see its graph."]');
  };
  await render();
  const onSave = vscode.workspace.onDidSaveTextDocument((saved) => {
    if (saved.uri.toString() === document.uri.toString()) {
      void render();
    }
  });
  panel.onDidDispose(() => onSave.dispose());
  context.subscriptions.push(onSave);
}

function graphPage(webview: vscode.Webview, mermaidUri: vscode.Uri, graph: string): string {
  const nonce = Math.random().toString(36).slice(2);
  const escaped = graph.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}' ${webview.cspSource};">
</head>
<body>
<pre class="mermaid">${escaped}</pre>
<script nonce="${nonce}" src="${mermaidUri}"></script>
<script nonce="${nonce}">
  const dark = document.body.classList.contains('vscode-dark');
  mermaid.initialize({ startOnLoad: true, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
</script>
</body>
</html>`;
}

const DIAGNOSTIC_LINE = /^(.*?):(\d+):(\d+): (error|warning|info|failure|FAIL): (.*)$/;

/** Runs `itinera test FILE` and shows each failure the CLI reports as FILE:LINE:COLUMN: error: MESSAGE. */
async function runTests(collection: vscode.DiagnosticCollection, output: vscode.OutputChannel): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'journey') {
    void vscode.window.showInformationMessage('Itinera: open a .journey file to run its tests.');
    return;
  }
  await editor.document.save();
  const file = editor.document.uri.fsPath;
  const cli = vscode.workspace.getConfiguration('itinera').get<string>('cliPath') || 'itinera';
  output.clear();
  output.appendLine(`$ ${cli} test ${file}`);
  execFile(cli, ['test', file], { cwd: path.dirname(file) }, (error, stdout, stderr) => {
    output.append(stdout);
    output.append(stderr);
    if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      void vscode.window.showErrorMessage(`Itinera: the command '${cli}' was not found. Build the CLI (mvn -B -DskipTests package) and set itinera.cliPath to the repository's itinera script.`);
      return;
    }
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const line of `${stdout}\n${stderr}`.split(/\r?\n/)) {
      const match = DIAGNOSTIC_LINE.exec(line.trim());
      if (!match) {
        continue;
      }
      const [, reported, lineNumber, column, severity, message] = match;
      const target = path.resolve(path.dirname(file), reported);
      const position = new vscode.Position(Math.max(0, Number(lineNumber) - 1), Math.max(0, Number(column) - 1));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), message,
        severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'itinera test';
      byFile.set(target, [...(byFile.get(target) ?? []), diagnostic]);
    }
    collection.clear();
    for (const [target, diagnostics] of byFile) {
      collection.set(vscode.Uri.file(target), diagnostics);
    }
    const failures = [...byFile.values()].reduce((sum, list) => sum + list.length, 0);
    if (error && failures === 0) {
      output.show(true);
      void vscode.window.showErrorMessage(`Itinera: '${cli} test' failed (exit ${error.code}); see the Itinera output.`);
    } else if (failures > 0) {
      void vscode.window.showWarningMessage(`Itinera: ${failures} journey test problem(s); see the Problems panel.`);
    } else {
      void vscode.window.showInformationMessage('Itinera: all journey tests passed.');
    }
  });
}
