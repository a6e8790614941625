import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Jest global setup: compiles the project once (incrementally, as `npm run build` does), so tests can run the command-line tools exactly
 * as `npm run import` and friends do (node dist/src/cli/...).
 */
export default function build(): void {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
