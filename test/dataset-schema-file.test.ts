import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RoleRecord, SkillRecord, ToolRecord } from '../src/dataset/dataset.format';
import { datasetSchemaJson } from '../src/dataset/dataset.schema';
import type { Importance } from '../src/shared/enums';
import type { SkillKind } from '../src/skill/skill.entity';
import type { ToolKind } from '../src/tool/tool.entity';
import { projectRoot } from '../src/shared/project-root';

/**
 * True only when each type is assignable to the other (an enum and the union of its members count
 * as the same); a mismatch fails the type check, which `npm test` runs first.
 */
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(proof: Equals<A, B>) => proof;

describe('the dataset format’s one definition', () => {
  it('is what seeds/dataset.schema.json holds, byte for byte (run `npm run schema` after changing it)', () => {
    expect(readFileSync(join(projectRoot(), 'seeds', 'dataset.schema.json'), 'utf8')).toBe(datasetSchemaJson());
  });

  it('gives the record types their fields, required where the schema requires them', () => {
    expect(same<SkillRecord['kind'], SkillKind>(true)).toBe(true);
    expect(same<ToolRecord['kind'], ToolKind | undefined>(true)).toBe(true);
    expect(same<RoleRecord['sources'], string[]>(true)).toBe(true);
    // @ts-expect-error: a role's slug is a string, never optional.
    expect(same<RoleRecord['slug'], string | undefined>(true)).toBe(true);
    expect(same<RoleRecord['jobZone'], number | null | undefined>(true)).toBe(true);
    expect(same<NonNullable<RoleRecord['skills']>[number]['importance'], Importance>(true)).toBe(true);
    expect(same<NonNullable<RoleRecord['responsibilities']>[number]['importance'], Importance | null | undefined>(true)).toBe(true);
    expect(same<NonNullable<RoleRecord['tools']>[number]['hotTechnology'], boolean | null | undefined>(true)).toBe(true);
  });
});
