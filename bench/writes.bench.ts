import 'reflect-metadata';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'typeorm';
import { issueApiKey } from '../src/auth/issue-key';
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/database';
import { startServer } from '../src/server';
import { onetDatabase } from './data';
import { processMemory } from './proc';

/*
 * What one write costs on seeds + O*NET (`npm run bench:writes`): each kind of mutation, run one
 * after another through the real HTTP server on a copy of the database, with its time (p50 and
 * max of `ROUNDS` runs) and the SQL statements it ran. A write is one transaction on SQLite's one
 * writer, so what matters is how long it holds the writer and whether its work grows with the
 * database (it should grow with what it changes).
 */

const ROUNDS = 5;

class Counter implements Logger {
  count = 0;
  logQuery(): void {
    this.count++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

interface Step {
  name: string;
  /** The mutation of round `i` (each round writes different rows, so none is a no-op); `id` is the skill created in it. */
  query: (i: number, id: string) => string;
}

const payload = 'userErrors { field message code }';

const STEPS: Step[] = [
  {
    name: 'createSkill',
    query: (i) => `mutation { createSkill(input: { name: "Bench Skill ${i}", kind: TECHNICAL }) { skill { id } ${payload} } }`,
  },
  {
    name: 'updateSkill (rename)',
    query: (i) => `mutation { updateSkill(input: { slug: "bench-skill-${i}", name: "Bench Skill ${i} Renamed" }) { ${payload} } }`,
  },
  { name: 'addAliases', query: (i, id) => `mutation { addAliases(input: { id: "${id}", aliases: ["BS${i}"] }) { ${payload} } }` },
  {
    name: 'linkRoleSkill',
    query: (i) =>
      `mutation { linkRoleSkill(input: { role: "software-developers", skill: "bench-skill-${i}", importance: ESSENTIAL }) { ${payload} } }`,
  },
  {
    name: 'linkSkillTool',
    query: (i) => `mutation { linkSkillTool(input: { skill: "bench-skill-${i}", tool: "postgresql" }) { ${payload} } }`,
  },
  {
    name: 'unlinkRoleSkill',
    query: (i) => `mutation { unlinkRoleSkill(input: { role: "software-developers", skill: "bench-skill-${i}" }) { ${payload} } }`,
  },
  { name: 'createRole', query: (i) => `mutation { createRole(input: { name: "Bench Role ${i}" }) { ${payload} } }` },
  { name: 'deleteRole', query: (i) => `mutation { deleteRole(input: { slug: "bench-role-${i}" }) { ${payload} } }` },
  { name: 'deleteSkill (linked)', query: (i) => `mutation { deleteSkill(input: { slug: "bench-skill-${i}" }) { ${payload} } }` },
];

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main(): Promise<void> {
  const source = await onetDatabase((line) => console.log(line));
  const dir = mkdtempSync(join(tmpdir(), 'skill-atlas-writes-'));
  const path = join(dir, 'db.sqlite');
  copyFileSync(source, path);
  const counter = new Counter();
  const config = { ...loadConfig({}), databasePath: path, rateLimitPerMinute: 0, anonymousRateLimitPerMinute: 0 };
  const dataSource = await connectDatabase(config, counter);
  const { key } = await issueApiKey(dataSource, { name: 'bench writer', scope: 'write' });
  const server = await startServer(dataSource, 0, config);
  try {
    console.log(`\nwrites on seeds + O*NET, one at a time, ${ROUNDS} rounds (p50 / max ms, SQL statements per write)\n`);
    console.log(`${'mutation'.padEnd(24)} ${'p50'.padStart(8)} ${'max'.padStart(8)} ${'statements'.padStart(11)}`);
    const times = new Map<string, number[]>(STEPS.map((s) => [s.name, []]));
    const statements = new Map<string, number[]>(STEPS.map((s) => [s.name, []]));
    for (let i = 0; i < ROUNDS; i++) {
      let id = '';
      for (const step of STEPS) {
        counter.count = 0;
        const started = performance.now();
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query: step.query(i, id) }),
        });
        const body = (await response.json()) as {
          errors?: unknown;
          data?: Record<string, { userErrors: unknown[]; skill?: { id: string } }>;
        };
        times.get(step.name)!.push(performance.now() - started);
        statements.get(step.name)!.push(counter.count);
        const result = body.data && Object.values(body.data)[0];
        if (body.errors || !result || result.userErrors.length) throw new Error(`${step.name} failed: ${JSON.stringify(body)}`);
        id = result.skill?.id ?? id;
      }
    }
    for (const step of STEPS) {
      const sorted = [...times.get(step.name)!].sort((a, b) => a - b);
      const counts = statements.get(step.name)!;
      const range = Math.min(...counts) === Math.max(...counts) ? `${counts[0]}` : `${Math.min(...counts)}–${Math.max(...counts)}`;
      console.log(
        `${step.name.padEnd(24)} ${quantile(sorted, 0.5).toFixed(1).padStart(8)} ${sorted[sorted.length - 1].toFixed(1).padStart(8)} ${range.padStart(11)}`,
      );
    }
    console.log(`\nRSS ${processMemory(process.pid).rss.toFixed(0)} MB (peak ${processMemory(process.pid).peak.toFixed(0)} MB)`);
  } finally {
    await server.stop();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
