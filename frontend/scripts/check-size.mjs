// The initial-JavaScript budget: what a browser must download, gzip-compressed, before the first
// screen can render — the entry chunk and everything it imports statically. Lazy route chunks
// (dynamic imports) are reported but not counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 200 * 1024;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
} catch {
  console.error('dist/.vite/manifest.json is missing: run `vite build` first.');
  process.exit(1);
}

const gzipSize = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length === 0) {
  console.error('The manifest has no entry chunk.');
  process.exit(1);
}

const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
for (const [key] of entries) visit(key);

const lazy = new Set(
  Object.values(manifest)
    .map((chunk) => chunk.file)
    .filter((file) => file.endsWith('.js') && !initial.has(file)),
);

let total = 0;
console.log('Initial JavaScript (gzip):');
for (const file of [...initial].sort()) {
  const size = gzipSize(file);
  total += size;
  console.log(`  ${kb(size).padStart(9)}  ${file}`);
}
console.log(`  ${kb(total).padStart(9)}  total, budget ${kb(BUDGET_BYTES)}`);
console.log(`Lazy chunks: ${lazy.size}, ${kb([...lazy].reduce((sum, file) => sum + gzipSize(file), 0))} gzip in all.`);

if (total > BUDGET_BYTES) {
  console.error(`Initial JavaScript is ${kb(total)} gzip, over the ${kb(BUDGET_BYTES)} budget.`);
  process.exit(1);
}
