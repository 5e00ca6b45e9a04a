// Bundles the extension into one file and copies the Mermaid bundle the graph webview loads.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

await build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'out/extension.js',
  external: ['vscode'],
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  sourcemap: false,
  minify: true,
  logLevel: 'warning',
});

mkdirSync('out/media', { recursive: true });
const mermaidDist = join(dirname(require.resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');
copyFileSync(mermaidDist, 'out/media/mermaid.min.js');
