import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a CPU profile's time went, by package or source folder and by function (self time):
 * `node dist/bench/profile-summary.js <file.cpuprofile | dir>` after `npm run bench -- --profile`.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/typeorm/…` → typeorm, `dist/src/db/…` → src/db, anything else by its kind. */
function owner(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /dist\/((?:src|bench)\/[^/]+)/.exec(url);
  if (own) return own[1].replace(/\.js$/, '');
  if (url.startsWith('node:')) return 'node internals';
  if (!url) return functionName.startsWith('(') ? functionName : 'native';
  return url;
}

function summarise(file: string): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const who = owner(url, functionName);
    byOwner.set(who, (byOwner.get(who) ?? 0) + dt);
    const fn = `${functionName || '(anonymous)'} ${who}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  console.log(
    `${file}: ${(total / 1e6).toFixed(1)} s sampled\nby owner:\n${top(byOwner, 15)}\nby function (self):\n${top(byFunction, 20)}\n`,
  );
}

const target = process.argv[2];
if (!target) {
  console.error('Usage: node dist/bench/profile-summary.js <file.cpuprofile | dir>');
  process.exit(2);
}
const files = target.endsWith('.cpuprofile')
  ? [target]
  : readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(target, f));
files.forEach(summarise);
