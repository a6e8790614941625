import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Role } from '../role/role.entity';
import { toConnection } from '../shared/connection';
import { ConnectionArgs } from '../shared/connection-args';
import { toPageWindow } from '../shared/page-window';
import { loadSharedItems, similarityOf } from './related-roles.service';
import { SIMILARITY_KEPT } from './role-similarity.service';
import { SimilarRoleConnection, SimilarRoleEdge, type SharedItems } from './related-roles.types';

/** `Role.relatedRoles`: roles similar by skills and tools, batched across every role of a level. */
@Resolver(() => Role)
export class RelatedRolesResolver {
  @FieldResolver(() => SimilarRoleConnection, {
    description:
      'Roles that need similar skills and tools, most similar first (ties by name): score is the weighted Jaccard similarity of the skills and tools of the two roles. ' +
      "Each edge lists the shared items behind its score and, where O*NET ranks the role among this role's Related Occupations, that rank and tier. " +
      'Roles with nothing in common are not listed. ' +
      `The first ${SIMILARITY_KEPT} of every ranking are computed when data is imported, so any page within them is quick; a page reaching past position ${SIMILARITY_KEPT} (a deep \`after\`, or \`last\` on a longer ranking) is computed on request and is slower on large taxonomies.`,
  })
  async relatedRoles(@Root() role: Role, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    const loaders = ctx.loaders.graph;
    const page = await loaders.similarRolesByRoleId(toPageWindow(args)).load(role.rowId);
    return toConnection(page, (item, base) => {
      const { shared, ...figures } = similarityOf(item.link);
      let loaded: Promise<SharedItems> | undefined;
      return Object.assign(new SimilarRoleEdge(), base, figures, {
        loadShared: () => (loaded ??= loadSharedItems(shared, (key) => loaders.itemByKey.load(key))),
      });
    });
  }
}
