import { ObjectType } from 'type-graphql';
import { Category } from './category.entity';
import { ConnectionType, EdgeType } from '../shared/connection';

@ObjectType({ description: 'A category in a list.' })
export class CategoryEdge extends EdgeType(Category) {}

@ObjectType({ description: 'A page of CategoryEdge items.' })
export class CategoryConnection extends ConnectionType(Category, CategoryEdge) {}
