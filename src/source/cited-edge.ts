import { Field, ObjectType, type ClassType } from 'type-graphql';
import { EdgeType } from '../shared/connection';
import { Source } from './source.entity';

let abstractLinkEdges = 0;

/**
 * An edge through a link that cites sources. The sources load only when the field is asked
 * for, through the request's `sourcesByCitation` loader, so unused provenance costs nothing.
 */
export function LinkEdgeType<TNode extends object>(nodeType: ClassType<TNode>) {
  @ObjectType(`AbstractLinkEdge${nodeType.name}${++abstractLinkEdges}`)
  abstract class LinkEdge extends EdgeType(nodeType) {
    /** Set by the resolver that builds the edge. */
    loadSources: () => Promise<Source[]>;

    @Field(() => [Source], { description: 'The sources that support this link.' })
    sources(): Promise<Source[]> {
      return this.loadSources();
    }
  }
  return LinkEdge;
}
