import { JSONResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requireScope } from '../auth/auth';
import type { Context } from '../context';
import { exportDataset } from '../dataset/dataset.export';
import { ENTITY_LISTS } from '../dataset/dataset.format';
import { planImport, type ImportSummary } from '../dataset/dataset.import';
import { DatasetInvalidError, validateDatasets } from '../dataset/dataset.load';
import { writeDataset } from '../dataset/dataset.mapping';
import { keyAuthor } from './change.service';
import { curate } from './curation.write';
import { UserError, UserErrorCode } from './user-error';

/** The most problems an import reports as userErrors; a file with more has its first ones listed. */
const MAX_PROBLEMS = 100;

@InputType({ description: 'A dataset in the interchange format (seeds/README.md), as `npm run import` takes it.' })
class ImportDatasetInput {
  @Field(() => JSONResolver, { description: 'The dataset: `{ "format": "skill-atlas-dataset", "version": 1, "roles": [...], ... }`.' })
  dataset: unknown;

  @Field({ defaultValue: false, description: 'Only report what the import would change; nothing is written.' })
  dryRun: boolean;
}

@ObjectType({ description: 'What an import did (or, in a dry run, would do) to one entity list.' })
class ImportListSummary {
  @Field({ description: 'The dataset list: roles, skills, …' }) list: string;
  @Field(() => Int, { description: 'Records that are new.' }) created: number;
  @Field(() => Int, { description: 'Records that differ from what is stored.' }) updated: number;
  @Field(() => Int, { description: 'Records already stored as they are.' }) unchanged: number;
}

@ObjectType({ description: 'What importDataset did.' })
class ImportDatasetPayload {
  @Field({ description: 'True when nothing was written because the input asked for a dry run.' })
  dryRun: boolean;

  @Field(() => [ImportListSummary], { description: 'Per entity list, what the import did or would do; empty when it was refused.' })
  summary: ImportListSummary[];

  @Field(() => [UserError], {
    description: `Every problem in the dataset (the first ${MAX_PROBLEMS}), each at its JSON path under ["input", "dataset"]; nothing was written.`,
  })
  userErrors: UserError[];
}

/** `roles[3].skills[2].skill` → `["roles", "3", "skills", "2", "skill"]`. */
const pathOf = (path: string) => path.split(/[.[\]]/).filter(Boolean);

@Resolver()
export class ImportMutations {
  @Mutation(() => ImportDatasetPayload, {
    description:
      'Merges a dataset into the database through the same import engine and validation as `npm run import`: records are upserted by slug, each describing its entity fully (with its own sources). One transaction; every changed record is in `changes`.',
  })
  async importDataset(
    @Arg('input', () => ImportDatasetInput, { description: 'The dataset and whether to only try it.' }) input: ImportDatasetInput,
    @Ctx() ctx: Context,
  ): Promise<ImportDatasetPayload> {
    requireScope(ctx.caller, 'write', 'importDataset');
    const outcome = await curate(ctx.writer, keyAuthor(ctx.caller.principal!), 'importDataset', async (write) => {
      let incoming;
      try {
        [incoming] = await validateDatasets(write.manager, [{ file: 'dataset', data: input.dataset, problems: [] }]);
      } catch (error) {
        if (!(error instanceof DatasetInvalidError)) throw error;
        for (const problem of error.problems.slice(0, MAX_PROBLEMS)) {
          write.fail(['dataset', ...pathOf(problem.path)], problem.message, UserErrorCode.INVALID);
        }
        return null;
      }
      const summary: ImportSummary = planImport(await exportDataset(write.manager), incoming);
      if (!input.dryRun) await write.everything(() => writeDataset(write.manager, incoming));
      return summary;
    });
    const summary = outcome.value;
    return {
      dryRun: input.dryRun,
      summary: summary ? ENTITY_LISTS.map((list) => ({ list, ...summary[list] })) : [],
      userErrors: outcome.userErrors,
    };
  }
}
