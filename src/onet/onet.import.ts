import type { DataSource, EntityManager } from 'typeorm';
import { commandAuthor, recordImport } from '../curation/change.service';
import { analyzeAfterBulkWrite } from '../db/postgres';
import { silentProgress, type ImportProgress } from '../import/import.progress';
import { emptyEntityCounts, ImportWriter, type EntityCounts, type LinkCounts } from '../import/import.writer';
import { RELATIONS } from '../model/relations';
import { ONET_FILES } from './onet.files';
import { ONET_RELATIONS, WANTED_LINKS, type ReleaseIds } from './onet.links';
import { ONET_SOURCE_SLUG, writeResponsibilities, writeRoles, writeSkills, writeSource, writeTools } from './onet.mapping';
import { readRelease, type OnetRelease } from './onet.release';
import type { OnetImportSummary } from './onet.summary';

export interface ImportOnetOptions {
  progress?: ImportProgress;
}

/** What writing a release did; importOnet adds what reading it found. */
type Written = Pick<OnetImportSummary, 'source' | 'entities' | 'links' | 'citations' | 'rolesNotInRelease'>;

/** Progress steps after the files are read: source, four entity types, four link tables, citations. */
const WRITE_STEPS = 1 + 4 + ONET_RELATIONS.length + 1;

/**
 * Imports an O*NET 29.x text release (a folder of tab-delimited files) into the graph. Every file
 * is read and validated first: any problem throws an OnetImportError listing them all, and nothing
 * is written. The writing runs in one transaction; importing the same release again changes nothing.
 */
export async function importOnet(dataSource: DataSource, dir: string, options: ImportOnetOptions = {}): Promise<OnetImportSummary> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  progress.start(Object.keys(ONET_FILES).length + WRITE_STEPS);
  try {
    const release = readRelease(dir, (file, rows) => progress.step(`read ${file}: ${rows.toLocaleString('en-US')} rows`));
    const written = await dataSource.transaction((manager) => writeRelease(manager, release, (label) => progress.step(label)));
    return {
      dir,
      title: release.title,
      version: release.version,
      rowsRead: release.rowsRead,
      ...written,
      seconds: (performance.now() - started) / 1000,
      attribution: release.attribution,
    };
  } finally {
    progress.finish();
  }
}

/**
 * Maps a validated release onto the graph inside the caller's transaction: the source, then the
 * entities (whose row ids the links need), then the role links, then the O*NET citations of all.
 */
export async function writeRelease(
  manager: EntityManager,
  release: OnetRelease,
  step: (label: string) => void = () => {},
): Promise<Written> {
  const writer = new ImportWriter(manager);
  const { sourceId, source } = await writeSource(writer, release);
  step(`source "onet" ${source}`);
  await writer.loadCitations({ mode: 'contributing', sourceId });

  const category = emptyEntityCounts();
  const roles = await writeRoles(writer, release);
  step(`roles: ${describe(roles.counts)}`);
  const skills = await writeSkills(writer, release, category);
  step(`skills: ${describe(skills.counts)}`);
  const tools = await writeTools(writer, release, category);
  step(`tools: ${describe(tools.counts)}`);
  const responsibilities = await writeResponsibilities(writer, release);
  step(`responsibilities: ${describe(responsibilities.counts)}`);

  const ids: ReleaseIds = {
    role: (code) => roles.idByCode.get(code),
    responsibility: (taskId) => responsibilities.idByTaskId.get(taskId),
    skill: (elementId) => skills.idByElement.get(elementId),
    tool: (name) => tools.idByName.get(name),
  };
  const roleIds = new Set(roles.idByCode.values());
  const links = {} as Written['links'];
  for (const relation of ONET_RELATIONS) {
    const table = RELATIONS[relation].storage.table;
    links[table] = await writer.syncLinks(relation, roleIds, WANTED_LINKS[relation](release, ids));
    step(`${table}: ${describe(links[table])}`);
  }

  await writer.flushCitations();
  if (writer.changed) await analyzeAfterBulkWrite(manager);
  await writer.finish();
  const { added, removed } = writer.citations.written;
  step(`citations: ${added.toLocaleString('en-US')} added, ${removed.toLocaleString('en-US')} removed`);
  const written = {
    source,
    entities: { role: roles.counts, responsibility: responsibilities.counts, skill: skills.counts, tool: tools.counts, category },
    links,
    citations: { added, removed },
    rolesNotInRelease: roles.notInRelease,
  };
  // The audit trail holds one summary per release import rather than a record per row: an O*NET
  // release rewrites tens of thousands of rows, and a copy follows it by importing the same release.
  if (writer.changed)
    await recordImport(manager, commandAuthor('import:onet'), 'import:onet', ONET_SOURCE_SLUG, { release: release.version, ...written });
  return written;
}

/** `3 created, 0 updated, …` for a progress line. */
function describe(counts: EntityCounts | LinkCounts): string {
  return Object.entries(counts)
    .map(([what, n]) => `${(n as number).toLocaleString('en-US')} ${what}`)
    .join(', ');
}
