import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LINK_WEIGHT_RULE } from '../model/weights';
import type { GraphLinkKey } from './skill-graph-sources.store';

/** What a node of the drawn graph is. */
export enum SkillGraphNodeType {
  ROLE = 'ROLE',
  SKILL = 'SKILL',
  TOOL = 'TOOL',
  RESPONSIBILITY = 'RESPONSIBILITY',
  CATEGORY = 'CATEGORY',
}
registerEnumType(SkillGraphNodeType, {
  name: 'SkillGraphNodeType',
  description: 'What a node of the skill graph is; the same as the GraphQL type its id fetches with `node(id:)`.',
  valuesConfig: {
    ROLE: { description: 'A Role.' },
    SKILL: { description: 'A Skill.' },
    TOOL: { description: 'A Tool.' },
    RESPONSIBILITY: { description: 'A Responsibility.' },
    CATEGORY: { description: 'A Category.' },
  },
});

/** What a link of the drawn graph is; each has one direction, whichever way the walk crossed it. */
export enum SkillGraphEdgeKind {
  ROLE_SKILL = 'ROLE_SKILL',
  ROLE_TOOL = 'ROLE_TOOL',
  ROLE_RESPONSIBILITY = 'ROLE_RESPONSIBILITY',
  RESPONSIBILITY_SKILL = 'RESPONSIBILITY_SKILL',
  SKILL_TOOL = 'SKILL_TOOL',
  SPECIALIZATION = 'SPECIALIZATION',
  COLLABORATION = 'COLLABORATION',
  CATEGORY = 'CATEGORY',
}
registerEnumType(SkillGraphEdgeKind, {
  name: 'SkillGraphEdgeKind',
  description: 'What a link of the skill graph is. Edges point the way given here, whichever way the walk crossed them.',
  valuesConfig: {
    ROLE_SKILL: {
      description: `Role → skill it needs; weight ${LINK_WEIGHT_RULE}.`,
    },
    ROLE_TOOL: { description: `Role → tool it uses; weight ${LINK_WEIGHT_RULE}.` },
    ROLE_RESPONSIBILITY: { description: `Role → responsibility it carries (OPTIONAL: a supplemental task); weight ${LINK_WEIGHT_RULE}.` },
    RESPONSIBILITY_SKILL: { description: 'Responsibility → skill it calls for; weight 1.0.' },
    SKILL_TOOL: { description: 'Skill → tool it is practised with; weight 1.0.' },
    SPECIALIZATION: { description: 'Broader role → narrower role that specialises it; weight 1.0.' },
    COLLABORATION: { description: 'Role → role it works with (stored once per pair); weight 1.0.' },
    CATEGORY: { description: 'Skill or tool → the category it is filed under, and category → its parent category; weight 1.0.' },
  },
});

@ObjectType({ description: 'A node of the skill graph: `{ id, type, label, weight }` is what D3 and Cytoscape.js (as `data`) take.' })
export class SkillGraphNode {
  @Field(() => ID, { description: 'Global id of the role, skill, tool, responsibility or category; edges refer to it.' })
  id: string;

  @Field(() => SkillGraphNodeType, { description: 'What the node is.' })
  type: SkillGraphNodeType;

  @Field({ description: 'Display name.' })
  label: string;

  @Field(() => Float, {
    description: 'Weight of the link the walk reached it by (the heaviest from the first node that reached it); 1 for the root.',
  })
  weight: number;

  @Field(() => Int, { description: 'Distance from the root in links: 0 for the root, up to `depth`.' })
  level: number;
}

@ObjectType({ description: 'A link of the skill graph: `{ source, target }` are node ids, as D3 and Cytoscape.js (as `data`) take them.' })
export class SkillGraphEdge {
  /** The link's kind and its ends' row ids, for the request's `sourcesByGraphLink` loader; not exposed. */
  link: GraphLinkKey;

  @Field({ description: 'Unique within the graph: kind, source and target.' })
  id: string;

  @Field(() => ID, { description: 'Id of the node the link starts from.' })
  source: string;

  @Field(() => ID, { description: 'Id of the node the link points to.' })
  target: string;

  @Field(() => SkillGraphEdgeKind, { description: 'What the link is.' })
  kind: SkillGraphEdgeKind;

  @Field(() => Float, { description: 'How strong the link is, in (0, 1]; see SkillGraphEdgeKind.' })
  weight: number;
}

@ObjectType({
  description:
    'The neighbourhood of a node, walked breadth-first: every node within `depth` links of the root (up to maxNodes) and every link between them. ' +
    "Nodes come in walk order (root first; each node's neighbours by weight descending, then label, then id); edges strongest first (see `edges`).",
})
export class SkillGraph {
  @Field(() => [SkillGraphNode], { description: 'The nodes, root first, in walk order.' })
  nodes: SkillGraphNode[];

  /**
   * Every link of the chosen kinds between two of the nodes, strongest first (see `edges`); the
   * `edges` field (src/graph/skill-graph.resolver.ts) returns a slice of it.
   */
  links: SkillGraphEdge[];

  /** The `maxNodes` asked for: `edges` returns at most 5 links per node unless told otherwise. */
  maxNodes: number;

  @Field(() => Int, { description: 'How many links of the chosen kinds there are between the nodes; `edges` may return fewer.' })
  edgeCount: number;

  @Field({ description: 'True when maxNodes stopped the walk before it reached every node within `depth`.' })
  truncated: boolean;
}
