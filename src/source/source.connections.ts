import { ObjectType } from 'type-graphql';
import { Source } from './source.entity';
import { ConnectionType, EdgeType } from '../shared/connection';

@ObjectType({ description: 'A source in a list.' })
export class SourceEdge extends EdgeType(Source) {}

@ObjectType({ description: 'A page of SourceEdge items.' })
export class SourceConnection extends ConnectionType(Source, SourceEdge) {}
