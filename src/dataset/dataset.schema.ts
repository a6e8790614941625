import { Importance } from '../shared/enums';
import { SkillKind } from '../skill/skill.entity';
import { ToolKind } from '../tool/tool.entity';

/**
 * The dataset interchange format (seeds/README.md), defined once: this JSON Schema validates every
 * file (src/dataset/dataset.validate.ts), the record types in dataset.format.ts are inferred from it,
 * and `npm run schema` writes it to seeds/dataset.schema.json for other tools (a test keeps that
 * file current). Enum values come from the GraphQL enums, so the format and the API cannot drift.
 */
export const DATASET_FORMAT = 'skill-atlas-dataset';
export const DATASET_VERSION = 1;

export const DATASET_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://skill-atlas.dev/dataset.schema.json',
  title: 'Skill Atlas dataset',
  description:
    'The interchange format of Skill Atlas: seeds, bulk import and export. Links live inside the entity that owns them and cite source slugs. References to slugs are checked by the importer, not by this schema.',
  type: 'object',
  additionalProperties: false,
  required: ['format', 'version'],
  $defs: {
    slug: {
      type: 'string',
      pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
      description: 'Stable lowercase kebab-case key.',
    },
    text: {
      type: 'string',
      minLength: 1,
      pattern: '\\S',
    },
    sources: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: {
        $ref: '#/$defs/slug',
      },
      description: 'Slugs of the sources that support this (at least one).',
    },
    aliases: {
      type: 'array',
      items: {
        $ref: '#/$defs/text',
      },
      uniqueItems: true,
      description: 'Other names.',
    },
    importance: {
      enum: [Importance.ESSENTIAL, Importance.OPTIONAL],
    },
  },
  properties: {
    $schema: {
      type: 'string',
    },
    format: {
      const: DATASET_FORMAT,
    },
    version: {
      const: DATASET_VERSION,
    },
    sources: {
      type: 'array',
      items: {
        type: 'object',
        description: 'A document the facts come from.',
        additionalProperties: false,
        required: ['slug', 'title'],
        properties: {
          slug: {
            $ref: '#/$defs/slug',
          },
          title: {
            $ref: '#/$defs/text',
          },
          publisher: {
            type: ['string', 'null'],
          },
          author: {
            type: ['string', 'null'],
          },
          publishedOn: {
            type: ['string', 'null'],
            pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
            description: 'YYYY-MM-DD',
          },
          url: {
            type: ['string', 'null'],
            pattern: '^https?://\\S+$',
          },
          version: {
            type: ['string', 'null'],
          },
          licence: {
            type: ['string', 'null'],
          },
          attribution: {
            type: ['string', 'null'],
          },
          file: {
            type: ['string', 'null'],
          },
        },
      },
    },
    categories: {
      type: 'array',
      items: {
        type: 'object',
        description: 'A group of skills and tools.',
        additionalProperties: false,
        required: ['slug', 'name'],
        properties: {
          slug: {
            $ref: '#/$defs/slug',
          },
          name: {
            $ref: '#/$defs/text',
          },
          description: {
            type: 'string',
          },
          parent: {
            type: ['string', 'null'],
            pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
            description: 'Slug of the parent category.',
          },
        },
      },
    },
    skills: {
      type: 'array',
      items: {
        type: 'object',
        description: 'An ability a role needs.',
        additionalProperties: false,
        required: ['slug', 'name', 'kind', 'sources'],
        properties: {
          slug: {
            $ref: '#/$defs/slug',
          },
          name: {
            $ref: '#/$defs/text',
          },
          aliases: {
            $ref: '#/$defs/aliases',
          },
          description: {
            type: 'string',
          },
          kind: {
            enum: [SkillKind.TECHNICAL, SkillKind.SOFT],
          },
          category: {
            type: ['string', 'null'],
            pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
          },
          sources: {
            $ref: '#/$defs/sources',
          },
          tools: {
            type: 'array',
            description: 'Tools the skill is practised with.',
            items: {
              type: 'object',
              description: 'Tools the skill is practised with.',
              additionalProperties: false,
              required: ['tool', 'sources'],
              properties: {
                tool: {
                  $ref: '#/$defs/slug',
                },
                sources: {
                  $ref: '#/$defs/sources',
                },
              },
            },
          },
        },
      },
    },
    tools: {
      type: 'array',
      items: {
        type: 'object',
        description: 'A technology, product, language, framework, standard, service or piece of equipment.',
        additionalProperties: false,
        required: ['slug', 'name', 'sources'],
        properties: {
          slug: {
            $ref: '#/$defs/slug',
          },
          name: {
            $ref: '#/$defs/text',
          },
          aliases: {
            $ref: '#/$defs/aliases',
          },
          description: {
            type: 'string',
          },
          kind: {
            enum: [ToolKind.TECHNOLOGY, ToolKind.EQUIPMENT],
            description: 'Defaults to TECHNOLOGY.',
          },
          category: {
            type: ['string', 'null'],
            pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
          },
          sources: {
            $ref: '#/$defs/sources',
          },
        },
      },
    },
    responsibilities: {
      type: 'array',
      items: {
        type: 'object',
        description: 'A duty a role carries out.',
        additionalProperties: false,
        required: ['slug', 'name', 'sources'],
        properties: {
          slug: {
            $ref: '#/$defs/slug',
          },
          name: {
            $ref: '#/$defs/text',
          },
          description: {
            type: 'string',
          },
          sources: {
            $ref: '#/$defs/sources',
          },
          skills: {
            type: 'array',
            description: 'Skills the responsibility calls for.',
            items: {
              type: 'object',
              description: 'Skills the responsibility calls for.',
              additionalProperties: false,
              required: ['skill', 'sources'],
              properties: {
                skill: {
                  $ref: '#/$defs/slug',
                },
                sources: {
                  $ref: '#/$defs/sources',
                },
              },
            },
          },
        },
      },
    },
    roles: {
      type: 'array',
      items: {
        type: 'object',
        description: 'A job role.',
        additionalProperties: false,
        required: ['slug', 'name', 'sources'],
        properties: {
          slug: {
            $ref: '#/$defs/slug',
          },
          name: {
            $ref: '#/$defs/text',
          },
          aliases: {
            $ref: '#/$defs/aliases',
          },
          summary: {
            type: 'string',
          },
          externalCode: {
            type: ['string', 'null'],
            minLength: 1,
            description: 'Code in an external taxonomy (O*NET-SOC).',
          },
          jobZone: {
            type: ['integer', 'null'],
            minimum: 1,
            maximum: 5,
          },
          broader: {
            type: ['string', 'null'],
            pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
            description: "Slug of the broader role; the link is cited by this role's sources.",
          },
          sources: {
            $ref: '#/$defs/sources',
          },
          collaboratesWith: {
            type: 'array',
            description: 'Roles this one works with (symmetric).',
            items: {
              type: 'object',
              description: 'Roles this one works with (symmetric).',
              additionalProperties: false,
              required: ['role', 'sources'],
              properties: {
                role: {
                  $ref: '#/$defs/slug',
                },
                sources: {
                  $ref: '#/$defs/sources',
                },
              },
            },
          },
          responsibilities: {
            type: 'array',
            description: 'Responsibilities the role carries.',
            items: {
              type: 'object',
              description: 'Responsibilities the role carries.',
              additionalProperties: false,
              required: ['responsibility', 'sources'],
              properties: {
                responsibility: {
                  $ref: '#/$defs/slug',
                },
                sources: {
                  $ref: '#/$defs/sources',
                },
                importance: {
                  enum: [Importance.ESSENTIAL, Importance.OPTIONAL, null],
                },
              },
            },
          },
          skills: {
            type: 'array',
            description: 'Skills the role needs.',
            items: {
              type: 'object',
              description: 'Skills the role needs.',
              additionalProperties: false,
              required: ['skill', 'sources', 'importance'],
              properties: {
                skill: {
                  $ref: '#/$defs/slug',
                },
                sources: {
                  $ref: '#/$defs/sources',
                },
                importance: {
                  $ref: '#/$defs/importance',
                },
                importanceScore: {
                  type: ['number', 'null'],
                  minimum: 1,
                  maximum: 5,
                },
                level: {
                  type: ['number', 'null'],
                  minimum: 0,
                  maximum: 7,
                },
              },
            },
          },
          tools: {
            type: 'array',
            description: 'Tools the role uses.',
            items: {
              type: 'object',
              description: 'Tools the role uses.',
              additionalProperties: false,
              required: ['tool', 'sources', 'importance'],
              properties: {
                tool: {
                  $ref: '#/$defs/slug',
                },
                sources: {
                  $ref: '#/$defs/sources',
                },
                importance: {
                  $ref: '#/$defs/importance',
                },
                hotTechnology: {
                  type: ['boolean', 'null'],
                },
                inDemand: {
                  type: ['boolean', 'null'],
                },
              },
            },
          },
          relatedRoles: {
            type: 'array',
            description: 'Roles an external taxonomy ranks as related (directed).',
            items: {
              type: 'object',
              description: 'Roles an external taxonomy ranks as related (directed).',
              additionalProperties: false,
              required: ['role', 'sources', 'tier', 'rank'],
              properties: {
                role: {
                  $ref: '#/$defs/slug',
                },
                sources: {
                  $ref: '#/$defs/sources',
                },
                tier: {
                  $ref: '#/$defs/text',
                },
                rank: {
                  type: 'integer',
                  minimum: 1,
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** The bytes of seeds/dataset.schema.json. */
export function datasetSchemaJson(): string {
  return `${JSON.stringify(DATASET_SCHEMA, null, 2)}\n`;
}

type Defs = (typeof DATASET_SCHEMA)['$defs'];

type Primitive<T> = T extends 'string'
  ? string
  : T extends 'number' | 'integer'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ObjectOf<P, R> = Simplify<
  { -readonly [K in keyof P as K extends R ? K : never]: Infer<P[K]> } & {
    -readonly [K in keyof P as K extends R ? never : K]?: Infer<P[K]>;
  }
>;

/** The TypeScript type of the values a schema accepts, for the keywords this schema uses. */
export type Infer<S> = S extends { $ref: `#/$defs/${infer K extends keyof Defs & string}` }
  ? Infer<Defs[K]>
  : S extends { const: infer C }
    ? C
    : S extends { enum: readonly (infer E)[] }
      ? E
      : S extends { type: 'object'; properties: infer P }
        ? ObjectOf<P, S extends { required: readonly (infer R)[] } ? R : never>
        : S extends { type: 'array'; items: infer I }
          ? Infer<I>[]
          : S extends { type: readonly (infer T)[] }
            ? Primitive<T>
            : S extends { type: infer T }
              ? Primitive<T>
              : unknown;
