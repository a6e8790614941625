import { Field, Float, Int, ObjectType, type ClassType } from 'type-graphql';
import { Importance } from '../shared/enums';
import { LinkEdgeType } from '../source/cited-edge';
import { LINK_WEIGHT_RULE } from '../model/weights';

let weightedLinkEdges = 0;

/**
 * An edge through a link that carries an importance, with the weight it counts for in every score
 * and in IMPORTANCE order (src/model/weights.ts) and the number of sources behind it.
 */
function WeightedLinkEdgeType<TNode extends object>(nodeType: ClassType<TNode>) {
  @ObjectType(`AbstractWeightedLinkEdge${nodeType.name}${++weightedLinkEdges}`)
  abstract class WeightedLinkEdge extends LinkEdgeType(nodeType) {
    @Field(() => Float, {
      description: `What the link counts for in scores and IMPORTANCE order, in (0, 1]: ${LINK_WEIGHT_RULE}.`,
    })
    weight: number;

    @Field(() => Int, { description: 'How many sources cite the link (the `sources` of this edge).' })
    supportCount: number;
  }
  return WeightedLinkEdge;
}

/** An edge through a role–skill link, read from either end (Role.skills, Skill.roles). */
export function RoleSkillLinkEdgeType<TNode extends object>(nodeType: ClassType<TNode>) {
  @ObjectType(`AbstractRoleSkillEdge${nodeType.name}`)
  abstract class RoleSkillLinkEdge extends WeightedLinkEdgeType(nodeType) {
    // Nullable, as on role–responsibility edges, so that edges spread side by side can select `importance`.
    @Field(() => Importance, { nullable: true, description: 'How much the role depends on the skill; always set on this edge.' })
    importance: Importance;

    @Field(() => Float, {
      nullable: true,
      description: 'O*NET importance rating, 1 (not important) to 5 (extremely important); null for curated links.',
    })
    importanceScore: number | null;

    @Field(() => Float, {
      nullable: true,
      description: 'O*NET level rating, 0 to 7: how much of the skill the role needs; null for curated links.',
    })
    level: number | null;
  }
  return RoleSkillLinkEdge;
}

/** An edge through a role–tool link, read from either end (Role.tools, Tool.roles). */
export function RoleToolLinkEdgeType<TNode extends object>(nodeType: ClassType<TNode>) {
  @ObjectType(`AbstractRoleToolEdge${nodeType.name}`)
  abstract class RoleToolLinkEdge extends WeightedLinkEdgeType(nodeType) {
    @Field(() => Importance, { nullable: true, description: 'How much the role depends on the tool; always set on this edge.' })
    importance: Importance;

    @Field(() => Boolean, {
      nullable: true,
      description: 'O*NET Hot Technology: frequently named in job postings; null where the source does not say.',
    })
    hotTechnology: boolean | null;

    @Field(() => Boolean, {
      nullable: true,
      description: 'O*NET In Demand: in demand for this occupation; null where the source does not say.',
    })
    inDemand: boolean | null;
  }
  return RoleToolLinkEdge;
}

/** An edge through a role–responsibility link, read from either end. */
export function RoleResponsibilityLinkEdgeType<TNode extends object>(nodeType: ClassType<TNode>) {
  @ObjectType(`AbstractRoleResponsibilityEdge${nodeType.name}`)
  abstract class RoleResponsibilityLinkEdge extends WeightedLinkEdgeType(nodeType) {
    @Field(() => Importance, {
      nullable: true,
      description: 'ESSENTIAL for a core task, OPTIONAL for a supplemental one; null where the source does not say.',
    })
    importance: Importance | null;
  }
  return RoleResponsibilityLinkEdge;
}
