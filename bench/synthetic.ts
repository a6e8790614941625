import {
  DATASET_FORMAT,
  DATASET_VERSION,
  type Dataset,
  type RoleRecord,
  type SkillRecord,
  type ToolRecord,
} from '../src/dataset/dataset.format';
import { Importance } from '../src/shared/enums';
import { SkillKind } from '../src/skill/skill.entity';

/**
 * A deterministic synthetic taxonomy about three times O*NET 29.3's size, in the dataset
 * interchange format. Sizes and skew are chosen to stress what real taxonomies stress: a few tools
 * (Excel, Python, Git) shared by hundreds of roles and a long tail used by one or two, broad words
 * ("manage") in thousands of responsibilities, and prefixes ("kube") and typos ("pyhton") that
 * must find the real names planted among generated ones.
 */
export const SYNTHETIC_SIZE = {
  roles: 3000,
  responsibilitiesPerRole: [14, 23] as const,
  skills: 9000,
  skillsPerRole: [25, 55] as const,
  tools: 12000,
  toolsPerRole: [20, 47] as const,
  categories: 300,
  relatedPerRole: 6,
};

/** Bumped whenever the generator's output changes, so cached databases are rebuilt. */
export const SYNTHETIC_VERSION = 2;

/** mulberry32: tiny, fast and the same on every machine, so the dataset is byte-identical per seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCE = 'synthetic-taxonomy';

const REAL_TOOLS = [
  'Python',
  'PostgreSQL',
  'Docker',
  'REST',
  'Git',
  'Kubernetes',
  'Kubeflow',
  'kubectl',
  'Microsoft Excel',
  'Linux',
  'JavaScript',
  'Java',
  'SQL',
  'Amazon Web Services',
  'Terraform',
  'React',
  'TypeScript',
  'Jira',
  'Salesforce',
  'SAP',
];
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ver',
  'tan',
  'zo',
  'qui',
  'ra',
  'del',
  'fin',
  'gor',
  'hex',
  'jun',
  'pal',
  'sor',
  'tek',
  'ul',
  'wyn',
  'bri',
  'cas',
];
const TOOL_SUFFIXES = ['Studio', 'Suite', 'Cloud', 'Pro', 'Analytics', 'Server', 'DB', 'Works', 'Hub', 'Desk', 'Flow', 'Stack'];
const ROLE_HEADS = [
  'Engineer',
  'Analyst',
  'Manager',
  'Technician',
  'Specialist',
  'Coordinator',
  'Designer',
  'Administrator',
  'Scientist',
  'Officer',
  'Developer',
  'Inspector',
];
const FIELDS = [
  'Software',
  'Data',
  'Network',
  'Clinical',
  'Financial',
  'Logistics',
  'Marketing',
  'Mechanical',
  'Civil',
  'Energy',
  'Retail',
  'Quality',
  'Security',
  'Research',
  'Payroll',
  'Agricultural',
  'Aviation',
  'Legal',
  'Media',
  'Hospitality',
];
const LEVELS = ['', 'Senior ', 'Junior ', 'Lead ', 'Principal ', 'Assistant ', 'Chief '];
const VERBS = [
  'Manage',
  'Prepare',
  'Review',
  'Design',
  'Maintain',
  'Inspect',
  'Coordinate',
  'Analyze',
  'Monitor',
  'Develop',
  'Train',
  'Document',
  'Negotiate',
  'Test',
  'Install',
  'Schedule',
  'Evaluate',
  'Report on',
  'Plan',
  'Audit',
];
const OBJECTS = [
  'budgets',
  'schedules',
  'vendor contracts',
  'test plans',
  'databases',
  'customer accounts',
  'safety procedures',
  'inventory records',
  'network equipment',
  'project teams',
  'quality reports',
  'training materials',
  'compliance documents',
  'field crews',
  'production lines',
  'release pipelines',
  'patient records',
  'marketing campaigns',
  'construction sites',
  'research data',
];
const CONTEXTS = [
  'for new clients',
  'across departments',
  'under regulatory deadlines',
  'using statistical methods',
  'with external partners',
  'in regional offices',
  'during audits',
  'for senior leadership',
  'at remote sites',
  'in line with policy',
];
const SKILL_WORDS = [
  'Reasoning',
  'Writing',
  'Modelling',
  'Planning',
  'Negotiation',
  'Diagnostics',
  'Forecasting',
  'Scripting',
  'Design',
  'Troubleshooting',
  'Reporting',
  'Budgeting',
  'Coaching',
  'Testing',
  'Drafting',
];

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Picks `count` distinct indexes below `n`, most from the head of a Zipf-like distribution. */
function skewedPicks(random: () => number, n: number, count: number, exponent: number): number[] {
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.min(n - 1, Math.floor(n * random() ** exponent)));
  return [...picked];
}

const between = (random: () => number, [lo, hi]: readonly [number, number]) => lo + Math.floor(random() * (hi - lo + 1));

/** The slugs the benchmark's queries need, chosen from the generated data. */
export interface SyntheticPicks {
  roleA: string;
  roleB: string;
  tools: string[];
}

export function generateSynthetic(seed = 20260601): { dataset: Dataset; picks: SyntheticPicks } {
  const random = prng(seed);

  const categories = Array.from({ length: SYNTHETIC_SIZE.categories }, (_, i) => ({
    slug: `category-${i}`,
    name: `${FIELDS[i % FIELDS.length]} ${SKILL_WORDS[Math.floor(i / FIELDS.length) % SKILL_WORDS.length]} ${i}`,
    parent: i < 20 ? null : `category-${Math.floor(random() * 20)}`,
  }));

  const toolNames = new Set<string>(REAL_TOOLS);
  while (toolNames.size < SYNTHETIC_SIZE.tools) {
    const word = Array.from({ length: 2 + Math.floor(random() * 2) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
    toolNames.add(`${word[0].toUpperCase()}${word.slice(1)} ${TOOL_SUFFIXES[Math.floor(random() * TOOL_SUFFIXES.length)]}`);
  }
  // Real names first: the head of the skew, so "python" is shared by hundreds of roles.
  const tools: ToolRecord[] = [...toolNames].map((name, i) => ({
    slug: slugify(name),
    name,
    category: i % 3 === 0 ? `category-${i % SYNTHETIC_SIZE.categories}` : null,
    sources: [SOURCE],
  }));

  const skills: SkillRecord[] = Array.from({ length: SYNTHETIC_SIZE.skills }, (_, i) => {
    const name = `${FIELDS[i % FIELDS.length]} ${SKILL_WORDS[Math.floor(i / FIELDS.length) % SKILL_WORDS.length]} ${Math.floor(i / (FIELDS.length * SKILL_WORDS.length)) + 1}`;
    const toolCount = Math.floor(random() * 4);
    return {
      slug: slugify(name),
      name,
      kind: i % 5 === 0 ? SkillKind.SOFT : SkillKind.TECHNICAL,
      category: `category-${i % SYNTHETIC_SIZE.categories}`,
      sources: [SOURCE],
      tools: skewedPicks(random, tools.length, toolCount, 2).map((t) => ({ tool: tools[t].slug, sources: [SOURCE] })),
    };
  });

  const roleNames = new Set<string>();
  while (roleNames.size < SYNTHETIC_SIZE.roles) {
    const n = roleNames.size;
    roleNames.add(
      `${LEVELS[Math.floor(random() * LEVELS.length)]}${FIELDS[Math.floor(random() * FIELDS.length)]} ${ROLE_HEADS[Math.floor(random() * ROLE_HEADS.length)]}${n >= 1000 ? ` ${Math.floor(n / 1000) + 1}` : ''}`,
    );
  }
  const roleSlugs = [...roleNames].map(slugify);

  const responsibilities: Dataset['responsibilities'] & object = [];
  const roles: RoleRecord[] = [...roleNames].map((name, r) => {
    const slug = roleSlugs[r];
    const own = between(random, SYNTHETIC_SIZE.responsibilitiesPerRole);
    const roleResponsibilities = Array.from({ length: own }, (_, k) => {
      const text = `${VERBS[Math.floor(random() * VERBS.length)]} ${OBJECTS[Math.floor(random() * OBJECTS.length)]} ${CONTEXTS[Math.floor(random() * CONTEXTS.length)]}`;
      const rSlug = `${slug}-task-${k + 1}`;
      responsibilities.push({
        slug: rSlug,
        name: text,
        sources: [SOURCE],
        skills: skewedPicks(random, skills.length, 1 + Math.floor(random() * 2), 1.5).map((s) => ({
          skill: skills[s].slug,
          sources: [SOURCE],
        })),
      });
      return { responsibility: rSlug, sources: [SOURCE], importance: k < 5 ? Importance.ESSENTIAL : Importance.OPTIONAL };
    });
    return {
      slug,
      name,
      summary: `${name}: a synthetic role for benchmarks.`,
      externalCode: `99-${String(r).padStart(4, '0')}.00`,
      jobZone: 1 + (r % 5),
      broader: r >= 100 && r % 7 === 0 ? roleSlugs[r % 100] : null,
      sources: [SOURCE],
      responsibilities: roleResponsibilities,
      skills: skewedPicks(random, skills.length, between(random, SYNTHETIC_SIZE.skillsPerRole), 1.6).map((s, k) => ({
        skill: skills[s].slug,
        sources: [SOURCE],
        importance: k < 10 ? Importance.ESSENTIAL : Importance.OPTIONAL,
        importanceScore: 1 + Math.round(random() * 40) / 10,
        level: Math.round(random() * 70) / 10,
      })),
      tools: skewedPicks(random, tools.length, between(random, SYNTHETIC_SIZE.toolsPerRole), 1.8).map((t, k) => ({
        tool: tools[t].slug,
        sources: [SOURCE],
        importance: k < 8 ? Importance.ESSENTIAL : Importance.OPTIONAL,
        hotTechnology: random() < 0.2,
        inDemand: random() < 0.1,
      })),
      relatedRoles: skewedPicks(random, SYNTHETIC_SIZE.roles, SYNTHETIC_SIZE.relatedPerRole + 1, 1)
        .filter((o) => o !== r)
        .slice(0, SYNTHETIC_SIZE.relatedPerRole)
        .map((o, k) => ({ role: roleSlugs[o], sources: [SOURCE], tier: k < 3 ? 'Primary-Short' : 'Supplemental', rank: k + 1 })),
    };
  });

  // The two roles with most tools make the heaviest role page and skill gap.
  const bySize = [...roles].sort((a, b) => (b.tools?.length ?? 0) - (a.tools?.length ?? 0) || (a.slug < b.slug ? -1 : 1));
  const dataset: Dataset = {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    sources: [{ slug: SOURCE, title: `Synthetic taxonomy for benchmarks (generator v${SYNTHETIC_VERSION}, seed ${seed})` }],
    categories,
    skills,
    tools,
    responsibilities,
    roles,
  };
  return { dataset, picks: { roleA: bySize[0].slug, roleB: bySize[1].slug, tools: ['python', 'postgresql', 'docker', 'rest', 'git'] } };
}
