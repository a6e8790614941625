/*
 * The word lists behind extraction's rules (src/extract/extract.matcher.ts applies them). Every
 * entry is a token key as the matcher spells it: folded, lower-case, `#`/`++`/leading `.` spelled
 * out (normaliseName), plural and possessive endings dropped (`tokenKey`).
 */

/**
 * Names that are also ordinary English words or letters (`Go`, `C`, `R`, `Rust`, `Swift`,
 * `Express`, `Spring`, `React`, `Make`). Alone, such a name counts only when written with the
 * capitalisation of the name or alias it matches (or in capitals) AND with supporting context: a
 * technology word nearby (CONTEXT_WORDS) or another technology mentioned within CONTEXT_WINDOW
 * tokens (a list of tools). It then gets AMBIGUOUS_CONFIDENCE. Any single token of one or two
 * characters is treated the same way.
 */
export const AMBIGUOUS = new Set([
  'go',
  'rust',
  'swift',
  'express',
  'spring',
  'react',
  'make',
  'node',
  'rail',
  'apache',
  'oracle',
  'mongo',
  'ant',
  'chef',
  'puppet',
  'salt',
  'shell',
  'dart',
  'julia',
  'elm',
  'crystal',
  'pascal',
  'spark',
  'hive',
  'pig',
  'flask',
  'mocha',
  'jest',
  'bootstrap',
  'backbone',
  'ember',
  'meteor',
  'electron',
  'unity',
  'vault',
  'consul',
  'slack',
  'zoom',
  'teams',
  'outlook',
  'access',
  'word',
  'excel',
  'project',
  'box',
  'square',
  'stripe',
  'delphi',
  'logo',
  'prolog',
  'ada',
  'basic',
  'sketch',
  'keyboard',
  'express server',
  'rest',
  'soap',
  'sass',
  'less',
]);

/**
 * Words that name an entity but in prose mostly mean something else: never matched alone (a
 * longer name that contains them still matches). "Organization" is an alias of Organizational
 * skills, "Servers" of Server management; in a posting they are nearly always ordinary nouns.
 */
export const STOP = new Set([
  'organization',
  'persistence',
  'curiosity',
  'deployment',
  'framework',
  'server',
  'middleware',
  'tester',
  'designer',
  'developer',
  'engineer',
  'manager',
  'analyst',
  'consultant',
  'specialist',
  'assistant',
  'monitoring',
  'coordination',
  'speaking',
  'science',
  'service',
  'operation',
  'system',
  'software',
  'computer',
  'data',
  'office',
  'model',
  'design',
  'support',
  'security',
  'testing',
  'english',
  'email',
  'internet',
  'web',
  'monitor',
  'platform',
  'route',
]);

/** Words that, within CONTEXT_WORDS_WINDOW tokens, make an ambiguous name a technology. */
export const CONTEXT_WORDS = new Set([
  'language',
  'programming',
  'program',
  'developer',
  'development',
  'engineer',
  'framework',
  'library',
  'code',
  'coding',
  'script',
  'scripting',
  'stack',
  'sdk',
  'api',
  'backend',
  'frontend',
  'service',
  'microservice',
  'app',
  'application',
  'lang',
  'golang',
  'js',
  'cloud',
  'database',
  'experience',
  'proficiency',
  'proficient',
  'knowledge',
  'skill',
  'tool',
  'build',
]);

/** Tokens either side of an ambiguous name where another technology counts as context. */
export const CONTEXT_WINDOW = 8;
/** Tokens either side where a CONTEXT_WORDS word counts. */
export const CONTEXT_WORDS_WINDOW = 2;

/** Confidence of a match on an entity's name, and on one of its aliases. */
export const NAME_CONFIDENCE = 0.95;
export const ALIAS_CONFIDENCE = 0.9;
/** Added for a match of two or more tokens (`Ruby on Rails`), which ordinary prose rarely spells by chance. */
export const MULTI_WORD_BONUS = 0.05;
/** An ambiguous name with supporting context. */
export const AMBIGUOUS_CONFIDENCE = 0.6;
/** Added per further mention of the same entity, up to 1. */
export const REPEAT_BONUS = 0.02;
/** A role's one-word alias (O*NET's alternate titles hold Coach, Tester, Agent): below the 0.5 that matching takes. */
export const ROLE_WORD_ALIAS_CONFIDENCE = 0.45;
/**
 * A role's alias that other roles share as an alias too (and no entity has as its name) is telling
 * only for the role with the fewest aliases, and only when that list is short (at most
 * ROLE_SHORT_ALIAS_LIST): a curated role's handful of aliases are deliberate, an O*NET
 * occupation's dozens of alternate titles (40 at the median) are loose (`DevOps Engineer` is one
 * of Software Developers', `Data Engineer` one of Data Scientists'). The others get this, below
 * the 0.5 that matching takes.
 */
export const ROLE_SHARED_ALIAS_CONFIDENCE = 0.45;
export const ROLE_SHORT_ALIAS_LIST = 10;
/** A form that names two or three entities of one type: each is only this likely. */
export const SHARED_FORM_FACTOR = 0.7;
/** A form that names more entities of one type than this is too generic to mean any of them. */
export const MAX_SHARED_FORM = 3;

/*
 * Responsibilities (extract.responsibilities.ts): a passage describes one when it holds
 * DUTY_THRESHOLD of the IDF weight of its content words.
 */

/** Share of a responsibility's word weight a passage must hold. */
export const DUTY_THRESHOLD = 0.6;
/** Content words a passage must share with a responsibility: all but one (at least one), at most this many. */
export const DUTY_MAX_WORDS_NEEDED = 3;
/** Responsibilities found per passage at most, the best covered first. */
export const DUTY_PER_PASSAGE = 2;
/** Confidence at DUTY_THRESHOLD and at full coverage, linear between. */
export const DUTY_MIN_CONFIDENCE = 0.5;
export const DUTY_MAX_CONFIDENCE = 0.9;
/** A word used by more responsibilities than this nominates none (it still counts for those nominated by rarer words). */
export const DUTY_MAX_CANDIDATE_LIST = 200;
/** A comma ends a passage once it holds this many words (extract.responsibilities.ts `breakBetween`). */
export const CLAUSE_MIN_WORDS = 4;
/** A passage longer than this many words is read in pieces of this size. */
export const PASSAGE_MAX_WORDS = 60;

/** Words that carry no duty, as token keys: function words and the filler of postings and task statements. */
export const DUTY_FILLER = new Set(
  (
    'a an the and or nor but of to for in on at by with from into onto over under about across per via as than then ' +
    'our your their its his her we you they it this that these those who which what whom whose where when how ' +
    'be is are was were been being will would shall should can could may might must do doe did done have has had ' +
    'all any each every other such more most new also etc e g ie eg i me my us them so not no yes very ' +
    'use using used ensure ensuring make making take taking work working help helping need including include ' +
    'within without through throughout up out own both like able based related relevant various variou'
  ).split(' '),
);
