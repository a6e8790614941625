import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Importance } from '../shared/enums';
import { SkillKind } from '../skill/skill.entity';
import { ImportInvalidError, type ImportProblem } from '../import/import.errors';
import { normaliseName, slugify } from '../import/slug';
import { NOTICE_FILE, ONET_FILES, README_FILE, readTable, readText, type OnetFileSpec, type OnetTable } from './onet.files';

/** How many problems the error message lists; `problems` always holds them all. */
const LISTED = 100;

/** An O*NET release that failed validation; nothing was written. */
export class OnetImportError extends ImportInvalidError {
  constructor(
    readonly dir: string,
    problems: ImportProblem[],
  ) {
    super(`The O*NET release in ${dir}`, problems, LISTED);
    this.name = 'OnetImportError';
  }
}

/** An O*NET occupation with its alternate titles and job zone. */
export interface OnetOccupation {
  code: string;
  title: string;
  description: string;
  /** Alternate and short titles, deduplicated case-insensitively, sorted, without the title itself. */
  aliases: string[];
  jobZone: number | null;
}

/** One task statement of one occupation. */
export interface OnetTask {
  code: string;
  taskId: string;
  text: string;
  /** Core → ESSENTIAL, Supplemental → OPTIONAL, no task type → null. */
  importance: Importance | null;
}

/** One of the skills of the O*NET content model (2.A basic, 2.B cross-functional). */
export interface OnetSkillElement {
  id: string;
  name: string;
  description: string;
  kind: SkillKind;
  group: 'basic' | 'cross-functional';
}

/** An occupation's rating of a skill; a skill whose level row says "Not Relevant" has none. */
export interface OnetSkillRating {
  code: string;
  elementId: string;
  /** IM Data Value (1–5); null when O*NET recommends suppressing it. */
  importanceScore: number | null;
  /** LV Data Value (0–7); null when O*NET recommends suppressing it. */
  level: number | null;
}

/** A technology or tool example an occupation uses: one row of Technology Skills or Tools Used. */
export interface OnetToolUse {
  code: string;
  example: string;
  commodityCode: string;
  commodityTitle: string;
  /** Technology Skills only: Hot Technology / In Demand; null for Tools Used. */
  hotTechnology: boolean | null;
  inDemand: boolean | null;
}

/** A directed, ranked "related occupation" link. */
export interface OnetRelated {
  code: string;
  relatedCode: string;
  tier: string;
  rank: number;
}

/** A validated O*NET release, ready to map onto the graph. */
export interface OnetRelease {
  dir: string;
  /** Release number, e.g. "29.3". */
  version: string;
  /** "O*NET 29.3 Database". */
  title: string;
  /** The attribution sentence that must accompany the data. */
  attribution: string;
  /** Data rows read per file, in reading order. */
  rowsRead: { file: string; rows: number }[];
  occupations: OnetOccupation[];
  tasks: OnetTask[];
  /** The elements rated in Skills.txt, in element id order. */
  skills: OnetSkillElement[];
  /** Descriptions of the 2.A and 2.B content-model groups, for their categories. */
  groupDescriptions: { basic: string; crossFunctional: string };
  skillRatings: OnetSkillRating[];
  technologies: OnetToolUse[];
  equipment: OnetToolUse[];
  related: OnetRelated[];
}

/** Called after each file is read, so a caller can show progress. */
export type OnFileRead = (file: string, rows: number) => void;

/**
 * Reads and validates a whole release before anything is written. Every problem in every file is
 * collected with its file and line, and one OnetImportError lists them all.
 */
export function readRelease(dir: string, onFileRead: OnFileRead = () => {}): OnetRelease {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new OnetImportError(dir, [{ file: dir, message: 'is not a folder' }]);
  const reader = new ReleaseReader(dir, onFileRead);
  const info = readReleaseInfo(dir, reader.problems);
  const occupations = readOccupations(reader); // first: every other file refers to their codes
  readAlternateTitles(reader);
  readJobZones(reader);
  const tasks = readTasks(reader);
  const contentModel = readContentModel(reader);
  const { skills, skillRatings } = readSkills(reader, contentModel);
  const technologies = readToolUses(reader, ONET_FILES.technologySkills);
  const equipment = readToolUses(reader, ONET_FILES.toolsUsed);
  const related = readRelated(reader);
  if (reader.problems.length) throw new OnetImportError(dir, reader.problems);
  return {
    dir,
    ...info,
    rowsRead: reader.rowsRead,
    occupations,
    tasks,
    skills,
    groupDescriptions: { basic: contentModel?.get('2.A')?.description ?? '', crossFunctional: contentModel?.get('2.B')?.description ?? '' },
    skillRatings,
    technologies,
    equipment,
    related,
  };
}

/** What the per-file readers share: the problems found so far and the occupations by code. */
class ReleaseReader {
  readonly problems: ImportProblem[] = [];
  readonly rowsRead: OnetRelease['rowsRead'] = [];
  readonly occupations = new Map<string, OnetOccupation>();
  /** False when Occupation Data.txt is missing or has a wrong header. */
  occupationsReadable = true;

  constructor(
    private readonly dir: string,
    private readonly onFileRead: OnFileRead,
  ) {}

  read<C extends string>(fileSpec: OnetFileSpec<C>): OnetTable<C> {
    const table = readTable(this.dir, fileSpec, this.problems);
    this.rowsRead.push({ file: fileSpec.name, rows: table.rows.length });
    this.onFileRead(fileSpec.name, table.rows.length);
    return table;
  }

  /** A checker for one row of a file. */
  check(file: string, line: number): RowCheck {
    return new RowCheck(this, file, line);
  }
}

/** Collects the problems of one row; `ok` stays true while it has none. */
class RowCheck {
  ok = true;

  constructor(
    private readonly reader: ReleaseReader,
    private readonly file: string,
    private readonly line: number,
  ) {}

  fail(message: string): void {
    this.ok = false;
    this.reader.problems.push({ file: this.file, line: this.line, message });
  }

  /**
   * The occupation a row refers to. An unknown code is a problem, unless Occupation Data.txt is
   * itself unreadable: that is one problem already, not one more per row of every other file.
   */
  occupation(code: string, column = 'O*NET-SOC Code'): OnetOccupation | undefined {
    const occupation = this.reader.occupations.get(code);
    if (occupation) return occupation;
    if (this.reader.occupationsReadable) this.fail(`unknown ${column} "${code}" (not in ${ONET_FILES.occupations.name})`);
    else this.ok = false;
    return undefined;
  }
}

const CODE = /^\d{2}-\d{4}\.\d{2}$/;

function readOccupations(reader: ReleaseReader): OnetOccupation[] {
  const table = reader.read(ONET_FILES.occupations);
  reader.occupationsReadable = table.readable;
  for (const row of table.rows) {
    const check = reader.check(table.file, row.line);
    const code = row['O*NET-SOC Code'];
    if (!CODE.test(code)) check.fail(`O*NET-SOC Code "${code}" is not a code like "15-1252.00"`);
    else if (reader.occupations.has(code)) check.fail(`O*NET-SOC Code "${code}" is listed twice`);
    if (!slugify(row.Title)) check.fail(`occupation ${code} has no Title to make a slug from`);
    if (check.ok) reader.occupations.set(code, { code, title: row.Title, description: row.Description, aliases: [], jobZone: null });
  }
  return [...reader.occupations.values()];
}

/** Alternate and short titles become aliases: deduplicated case-insensitively (first spelling wins), sorted. */
function readAlternateTitles(reader: ReleaseReader): void {
  const table = reader.read(ONET_FILES.alternateTitles);
  const titles = new Map<OnetOccupation, Map<string, string>>();
  for (const row of table.rows) {
    const occupation = reader.check(table.file, row.line).occupation(row['O*NET-SOC Code']);
    if (!occupation) continue;
    const byKey = titles.get(occupation) ?? new Map<string, string>();
    titles.set(occupation, byKey);
    for (const alias of [row['Alternate Title'], row['Short Title']]) {
      const key = alias.toLowerCase();
      if (alias && key !== occupation.title.toLowerCase() && !byKey.has(key)) byKey.set(key, alias);
    }
  }
  for (const [occupation, byKey] of titles) occupation.aliases = [...byKey.values()].sort(compareText);
}

function readJobZones(reader: ReleaseReader): void {
  const table = reader.read(ONET_FILES.jobZones);
  const zoned = new Set<OnetOccupation>();
  for (const row of table.rows) {
    const check = reader.check(table.file, row.line);
    const occupation = check.occupation(row['O*NET-SOC Code']);
    const zone = row['Job Zone'];
    if (!/^[1-5]$/.test(zone)) check.fail(`Job Zone "${zone}" is not a job zone (1 to 5)`);
    if (occupation && zoned.has(occupation)) check.fail(`occupation ${occupation.code} has a second Job Zone`);
    if (!check.ok || !occupation) continue;
    occupation.jobZone = Number(zone);
    zoned.add(occupation);
  }
}

const TASK_TYPES: Record<string, Importance | null | undefined> = {
  Core: Importance.ESSENTIAL,
  Supplemental: Importance.OPTIONAL,
  '': null,
};

function readTasks(reader: ReleaseReader): OnetTask[] {
  const table = reader.read(ONET_FILES.tasks);
  const tasks: OnetTask[] = [];
  const seen = new Set<string>();
  for (const row of table.rows) {
    const check = reader.check(table.file, row.line);
    const occupation = check.occupation(row['O*NET-SOC Code']);
    const taskId = row['Task ID'];
    const importance = TASK_TYPES[row['Task Type']];
    if (!/^\d+$/.test(taskId)) check.fail(`Task ID "${taskId}" is not a whole number`);
    if (!row.Task) check.fail(`task ${taskId} has no Task text`);
    if (importance === undefined) check.fail(`Task Type "${row['Task Type']}" is not Core, Supplemental or empty`);
    if (occupation && seen.has(`${occupation.code}:${taskId}`)) check.fail(`task ${taskId} is listed twice for ${occupation.code}`);
    if (!check.ok || !occupation || importance === undefined) continue;
    seen.add(`${occupation.code}:${taskId}`);
    tasks.push({ code: occupation.code, taskId, text: row.Task, importance });
  }
  return tasks;
}

type ContentModel = Map<string, { name: string; description: string }>;

/** Element descriptions by id; undefined when the file is unreadable (a problem of its own). */
function readContentModel(reader: ReleaseReader): ContentModel | undefined {
  const table = reader.read(ONET_FILES.contentModel);
  if (!table.readable) return undefined;
  return new Map(table.rows.map((row) => [row['Element ID'], { name: row['Element Name'], description: row.Description }]));
}

/** The range of each rating scale: IM importance 1–5, LV level 0–7. */
const SCALES: Record<string, { min: number; max: number }> = { IM: { min: 1, max: 5 }, LV: { min: 0, max: 7 } };

/**
 * Skills.txt holds two rows per occupation and skill: IM (importance) and LV (level). A value O*NET
 * recommends suppressing becomes null; a "Not Relevant" level means no rating at all.
 */
function readSkills(
  reader: ReleaseReader,
  contentModel: ContentModel | undefined,
): { skills: OnetSkillElement[]; skillRatings: OnetSkillRating[] } {
  const table = reader.read(ONET_FILES.skills);
  const elements = new Map<string, OnetSkillElement>();
  const ratings = new Map<string, OnetSkillRating & { notRelevant: boolean }>();
  const seen = new Set<string>();
  for (const row of table.rows) {
    const check = reader.check(table.file, row.line);
    const occupation = check.occupation(row['O*NET-SOC Code']);
    const elementId = row['Element ID'];
    const scaleId = row['Scale ID'];
    const scale = SCALES[scaleId];
    const raw = row['Data Value'];
    const value = raw === '' ? NaN : Number(raw);
    const suppress = yesNo(row['Recommend Suppress'], true);
    const notRelevant = yesNo(row['Not Relevant'], true);
    if (!normaliseName(row['Element Name'])) check.fail(`Element Name "${row['Element Name']}" has no letters or digits`);
    if (!/^2\.[AB]\./.test(elementId)) check.fail(`Element ID "${elementId}" is not a skill (2.A.* or 2.B.*)`);
    else if (contentModel && !contentModel.has(elementId))
      check.fail(`Element ID "${elementId}" is not in ${ONET_FILES.contentModel.name}`);
    if (!scale) check.fail(`Scale ID "${scaleId}" is not IM or LV`);
    if (!Number.isFinite(value)) check.fail(`Data Value "${raw}" is not a number`);
    else if (scale && (value < scale.min || value > scale.max))
      check.fail(`Data Value ${raw} is outside the ${scaleId} range ${scale.min} to ${scale.max}`);
    if (suppress === undefined) check.fail(`Recommend Suppress "${row['Recommend Suppress']}" is not Y, N or empty`);
    if (notRelevant === undefined) check.fail(`Not Relevant "${row['Not Relevant']}" is not Y, N or empty`);
    const key = `${occupation?.code}:${elementId}`;
    if (occupation && seen.has(`${key}:${scaleId}`)) check.fail(`${occupation.code} rates ${elementId} on ${scaleId} twice`);
    if (!check.ok || !occupation) continue;
    seen.add(`${key}:${scaleId}`);

    if (!elements.has(elementId)) elements.set(elementId, skillElement(elementId, row['Element Name'], contentModel));
    const rating = ratings.get(key) ?? { code: occupation.code, elementId, importanceScore: null, level: null, notRelevant: false };
    ratings.set(key, rating);
    const kept = suppress ? null : value;
    if (scaleId === 'IM') rating.importanceScore = kept;
    else {
      rating.level = kept;
      rating.notRelevant = notRelevant === true;
    }
  }
  return {
    skills: [...elements.values()].sort((a, b) => compareText(a.id, b.id)),
    skillRatings: [...ratings.values()].filter((r) => !r.notRelevant).map(({ notRelevant: _notRelevant, ...rating }) => rating),
  };
}

/** Mathematics, Science and the 2.B.3 technical skills are technical; every other skill is soft. */
function skillElement(id: string, name: string, contentModel: ContentModel | undefined): OnetSkillElement {
  const technical = id === '2.A.1.e' || id === '2.A.1.f' || id.startsWith('2.B.3.');
  return {
    id,
    name,
    description: contentModel?.get(id)?.description ?? '',
    kind: technical ? SkillKind.TECHNICAL : SkillKind.SOFT,
    group: id.startsWith('2.A.') ? 'basic' : 'cross-functional',
  };
}

/** Technology Skills (with Hot Technology and In Demand) or Tools Used (without). */
function readToolUses(reader: ReleaseReader, fileSpec: OnetFileSpec<string>): OnetToolUse[] {
  const table = reader.read(fileSpec);
  const technology = fileSpec.columns.includes('Hot Technology');
  const uses: OnetToolUse[] = [];
  for (const row of table.rows) {
    const check = reader.check(table.file, row.line);
    const occupation = check.occupation(row['O*NET-SOC Code']);
    const hotTechnology = technology ? yesNo(row['Hot Technology']) : null;
    const inDemand = technology ? yesNo(row['In Demand']) : null;
    if (!normaliseName(row.Example)) check.fail(`Example "${row.Example}" has no letters or digits`);
    if (!row['Commodity Title']) check.fail('Commodity Title is empty');
    if (hotTechnology === undefined) check.fail(`Hot Technology "${row['Hot Technology']}" is not Y or N`);
    if (inDemand === undefined) check.fail(`In Demand "${row['In Demand']}" is not Y or N`);
    if (!check.ok || !occupation || hotTechnology === undefined || inDemand === undefined) continue;
    uses.push({
      code: occupation.code,
      example: row.Example,
      commodityCode: row['Commodity Code'],
      commodityTitle: row['Commodity Title'],
      hotTechnology,
      inDemand,
    });
  }
  return uses;
}

function readRelated(reader: ReleaseReader): OnetRelated[] {
  const table = reader.read(ONET_FILES.relatedOccupations);
  const related: OnetRelated[] = [];
  const seen = new Set<string>();
  for (const row of table.rows) {
    const check = reader.check(table.file, row.line);
    const occupation = check.occupation(row['O*NET-SOC Code']);
    const other = check.occupation(row['Related O*NET-SOC Code'], 'Related O*NET-SOC Code');
    const index = row.Index;
    if (!/^\d+$/.test(index) || Number(index) < 1) check.fail(`Index "${index}" is not a rank (a whole number from 1)`);
    if (!row['Relatedness Tier']) check.fail('Relatedness Tier is empty');
    const key = `${occupation?.code}:${other?.code}`;
    if (occupation && other && seen.has(key)) check.fail(`${other.code} is listed twice as related to ${occupation.code}`);
    if (!check.ok || !occupation || !other) continue;
    seen.add(key);
    related.push({ code: occupation.code, relatedCode: other.code, tier: row['Relatedness Tier'], rank: Number(index) });
  }
  return related;
}

/** Y → true, N → false (and empty → false when allowed); anything else → undefined. */
function yesNo(value: string, emptyAllowed = false): boolean | undefined {
  if (value === 'Y') return true;
  if (value === 'N' || (emptyAllowed && value === '')) return false;
  return undefined;
}

/** Case-insensitive order with a case-sensitive tie-break: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The release number, from "Read Me.txt" ("O*NET 29.3 Database") or else the folder name
 * ("onet-29.3"), and the attribution sentence quoted in NOTICE.txt (O*NET's standard wording when
 * the folder has no notice).
 */
function readReleaseInfo(dir: string, problems: ImportProblem[]): Pick<OnetRelease, 'version' | 'title' | 'attribution'> {
  const readme = readText(dir, README_FILE);
  const version = (readme && /O\*NET\s+(\d+\.\d+)\s+Database/.exec(readme)?.[1]) || /(\d+\.\d+)/.exec(basename(dir))?.[1];
  if (!version) {
    problems.push({ file: README_FILE, message: 'does not name the release ("O*NET 29.3 Database"), and neither does the folder name' });
    return { version: '', title: '', attribution: '' };
  }
  const title = `O*NET ${version} Database`;
  const notice = readText(dir, NOTICE_FILE);
  const quoted = notice && /"([^"]*This product includes information from[^"]*)"/.exec(notice)?.[1];
  const attribution = quoted
    ? quoted.replace(/\s+/g, ' ').trim()
    : `This product includes information from the ${title} by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license.`;
  return { version, title, attribution };
}
