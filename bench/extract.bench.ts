import 'reflect-metadata';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase } from '../src/database';
import { DEFAULT_TYPES } from '../src/extract/extract.matcher';
import { matcherFor } from '../src/extract/extract.service';
import { onetDatabase } from './data';
import { evalDocuments } from './extract-eval';

/*
 * How long extraction takes on seeds + O*NET 29.3 (`npm run bench:extract`): compiling the
 * matcher once, then reading a 5,000-word posting (the evaluation texts repeated) ROUNDS times,
 * every type (responsibilities included). Target: < 20 ms per posting. Wall-clock percentiles
 * and CPU time per posting are both printed: on a shared machine the first includes waiting.
 */
const ROUNDS = 200;
const WARM_UP = 10;
const WORDS = 5000;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'skill-atlas-extract-'));
  try {
    const copy = join(dir, 'onet.sqlite');
    copyFileSync(await onetDatabase((line) => console.error(line)), copy);
    const db = await connectDatabase({ databasePath: copy, dbLogging: false });
    let started = performance.now();
    const matcher = await matcherFor(db);
    console.log(
      `compiled ${matcher.forms} names and aliases and ${matcher.responsibilities.size} responsibilities in ${(performance.now() - started).toFixed(0)} ms`,
    );
    const parts: string[] = [];
    let words = 0;
    for (let i = 0; words < WORDS; i++) {
      const text = evalDocuments()[i % evalDocuments().length].text;
      parts.push(text);
      words += text.split(/\s+/).length;
    }
    const posting = parts.join('\n\n');
    const times: number[] = [];
    let found = 0;
    // Warm-up: the first readings run before the JIT has compiled the matcher's loops.
    for (let i = 0; i < WARM_UP; i++) matcher.extract(posting, DEFAULT_TYPES);
    const cpu = process.cpuUsage();
    for (let i = 0; i < ROUNDS; i++) {
      started = performance.now();
      found = matcher.extract(posting, DEFAULT_TYPES).length;
      times.push(performance.now() - started);
    }
    const used = process.cpuUsage(cpu);
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
    console.log(
      `${words} words (${posting.length} characters), ${found} entities: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms; ` +
        `${((used.user + used.system) / 1000 / ROUNDS).toFixed(1)} ms of CPU per posting (GC threads included; wall time above also counts waiting for a core on a busy machine)`,
    );
    await db.destroy();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
