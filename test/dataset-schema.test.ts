import { formatProblem } from '../src/import/import.errors';
import { validateDataset } from '../src/dataset/dataset.validate';
import { readSeedDataset } from './helpers/datasets';

const problemsOf = (data: unknown) => validateDataset(data, 'data.json').map(formatProblem);

describe('the dataset JSON Schema', () => {
  it('accepts the curated seeds', () => {
    expect(problemsOf(readSeedDataset())).toEqual([]);
  });

  it('reports every problem at once, each with its JSON path', () => {
    const data = readSeedDataset() as any;
    data.roles[0].skills[0].skill = 'kuberntes';
    data.roles[1].name = '';
    data.roles[2].sumary = 'typo';
    data.tools[0].slug = 'Not A Slug';
    data.skills[0].kind = 'HARD';
    delete data.responsibilities[0].sources;
    const withTools = data.roles.findIndex((r: any) => r.tools?.length);
    data.roles[withTools].tools[0].importance = 'MAYBE';
    const problems = problemsOf(data);
    expect(problems).toEqual(
      expect.arrayContaining([
        `data.json: roles[0].skills[0].skill: unknown skill slug "kuberntes"`,
        `data.json: roles[1].name: must not be blank`,
        expect.stringMatching(/^data\.json: roles\[2\]\.sumary: unknown field; allowed: slug, name/),
        `data.json: tools[0].slug: must be a lowercase kebab-case slug (like "ruby-on-rails"), got "Not A Slug"`,
        `data.json: skills[0].kind: must be one of "TECHNICAL", "SOFT", got "HARD"`,
        `data.json: responsibilities[0].sources: is required`,
        `data.json: roles[${withTools}].tools[0].importance: must be one of "ESSENTIAL", "OPTIONAL", got "MAYBE"`,
      ]),
    );
  });

  it('finds duplicate slugs, duplicate links and hierarchy cycles', () => {
    const data = readSeedDataset() as any;
    data.skills.push({ ...data.skills[0] });
    data.roles[0].skills.push({ ...data.roles[0].skills[0] });
    data.categories[0].parent = data.categories[0].slug;
    const problems = problemsOf(data);
    expect(problems).toContain(`data.json: skills[${data.skills.length - 1}].slug: duplicate skill slug "${data.skills[0].slug}"`);
    expect(problems).toContain(
      `data.json: roles[0].skills[${data.roles[0].skills.length - 1}].skill: links to "${data.roles[0].skills[0].skill}" twice`,
    );
    expect(problems.some((p) => p.includes('categories[0].parent') && p.includes('cycle'))).toBe(true);
  });

  it('finds a role linked to itself', () => {
    const data = readSeedDataset() as any;
    const role = data.roles[0];
    role.collaboratesWith = [...(role.collaboratesWith ?? []), { role: role.slug, sources: role.sources }];
    const at = role.collaboratesWith.length - 1;
    expect(problemsOf(data)).toContain(`data.json: roles[0].collaboratesWith[${at}].role: links role "${role.slug}" to itself`);
  });

  it('rejects a file of the wrong format', () => {
    expect(problemsOf([])).toEqual(['data.json: must be object, got []']);
    expect(problemsOf({ format: 'csv', version: 2 })).toEqual([
      'data.json: format: must be "skill-atlas-dataset", got "csv"',
      'data.json: version: must be 1, got 2',
    ]);
  });
});
