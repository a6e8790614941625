import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadConfig } from '../src/config';
import { projectRoot } from '../src/shared/project-root';

/*
 * The example deployment in deploy/ (README, "Deployment"): an environment file and a systemd
 * template unit for API processes behind a load balancer, over a PostgreSQL primary and replicas.
 * These tests keep it true: every setting it names is one the service documents and accepts, and
 * the unit starts what `npm start` starts, stopped by the signal the server drains on.
 */

const DEPLOY = join(projectRoot(), 'deploy');

/** KEY=VALUE lines, as systemd's EnvironmentFile= reads them (comments and blank lines skipped). */
function environmentFile(path: string): Record<string, string> {
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      expect(at).toBeGreaterThan(0);
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return Object.fromEntries(entries);
}

/** The settings of a unit file, by section, each key with its values in order. */
function unitFile(path: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let section = '';
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1];
      sections[section] = {};
      continue;
    }
    const at = line.indexOf('=');
    (sections[section][line.slice(0, at)] ??= []).push(line.slice(at + 1));
  }
  return sections;
}

const env = environmentFile(join(DEPLOY, 'skill-atlas.env'));
const unit = unitFile(join(DEPLOY, 'skill-atlas@.service'));

describe('the example deployment', () => {
  it('names only settings the README documents', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]));
    expect(documented.size).toBeGreaterThan(20);
    const unknown = Object.keys(env).filter((key) => key !== 'NODE_ENV' && !documented.has(key));
    expect(unknown).toEqual([]);
  });

  it('is a configuration the service accepts: PostgreSQL with two replicas, one process per instance', () => {
    const config = loadConfig({ ...env, PORT: '4001' });
    expect(config.databaseUrl).toMatch(/^postgres:\/\//);
    expect(config.databaseReplicaUrls).toHaveLength(2);
    expect(config.workers).toBe(1);
    expect(config.port).toBe(4001);
  });

  it('runs what npm start runs, on the instance port, and stops it with the signal the server drains on', () => {
    const service = unit.Service;
    const [program, script] = service.ExecStart[0].split(' ');
    expect(program).toMatch(/\/node$/);
    expect(script).toBe('dist/src/main.js');
    expect(existsSync(join(projectRoot(), script))).toBe(true);
    expect(service.Environment).toContain('PORT=%i');
    expect(service.EnvironmentFile.map((f) => basename(f))).toEqual(['skill-atlas.env']);
    expect(service.KillSignal).toEqual(['SIGTERM']);
    expect(Number(service.TimeoutStopSec[0])).toBeGreaterThan(0);
    expect(unit.Install.WantedBy).toEqual(['multi-user.target']);
  });
});

describe('DATABASE_REPLICA_URLS', () => {
  it('is refused without DATABASE_URL, the primary its replicas copy', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://r/atlas' })).toThrow(/needs DATABASE_URL/);
  });

  it('names the item that is not a PostgreSQL URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://p/atlas', DATABASE_REPLICA_URLS: 'postgres://r/atlas, mysql://x' })).toThrow(
      /item 2 must be a PostgreSQL URL/,
    );
  });

  it('lists each replica once, trimmed', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://p/a', DATABASE_REPLICA_URLS: ' postgres://r1/a , postgres://r2/a' }).databaseReplicaUrls,
    ).toEqual(['postgres://r1/a', 'postgres://r2/a']);
  });
});
