// Fails when src/api/schema.d.ts is not what openapi-typescript makes of ../openapi/openapi.json,
// i.e. when the contract changed and `npm run generate` (make client) was not run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = join(root, 'src/api/schema.d.ts');
const dir = mkdtempSync(join(tmpdir(), 'masteryhub-client-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(
    join(root, 'node_modules/.bin/openapi-typescript'),
    [join(root, '../openapi/openapi.json'), '-o', fresh],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  let current;
  try {
    current = readFileSync(committed, 'utf8');
  } catch {
    console.error('src/api/schema.d.ts is missing: run `npm run generate`.');
    process.exit(1);
  }
  if (readFileSync(fresh, 'utf8') !== current) {
    console.error(
      'src/api/schema.d.ts does not match ../openapi/openapi.json: run `npm run generate` (make client) and commit the result.',
    );
    process.exit(1);
  }
  console.log('The generated client matches openapi/openapi.json.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
