/**
 * The English patterns ingestion reads documents with: how names, roles, dates and places are
 * written. Everything language-specific about ingestion is here; a second language is a second
 * file of the same shape.
 */

/** A capitalised word, with inner apostrophes or hyphens ("Anne-Marie", "d’Orsay"). */
const WORD = String.raw`(?:[\p{Lu}][\p{L}\p{M}]*(?:[’'-][\p{L}\p{M}]+)*|d[’'][\p{Lu}][\p{L}\p{M}]+)`;
/** Small words allowed inside a name ("Bank of England", "Saint-Denis d’Orsay"). */
const JOINER = String.raw`(?:\s+(?:of|de|di|del|della|van|von|du|la|le|y)(?=\s+[\p{Lu}]))`;
export const NAME = String.raw`${WORD}(?:${JOINER}?\s+${WORD})*`;

/** Words that start a sentence without being part of a name. */
export const LEADING_WORDS = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'as', 'by', 'for', 'from', 'with', 'this', 'that', 'these', 'those', 'our', 'its', 'their',
  'his', 'her', 'we', 'it', 'since', 'after', 'before', 'when', 'while', 'however', 'but', 'and', 'or', 'if', 'here', 'there',
  'each', 'every', 'all', 'some', 'today', 'now', 'initially', 'also', 'yes', 'no', 'please', 'visit', 'call', 'ask', 'new',
  'what', 'where', 'who', 'how', 'why', 'which', 'you', 'your', 'i', 'my', 'is', 'are', 'do', 'does', 'can', 'will', 'to', 'of',
  'under', 'during', 'until', 'meanwhile', 'according', 'last', 'next', 'earlier', 'later', 'once', 'both', 'most', 'many',
]);

/** Calendar words are capitalised but name no thing a question is about. */
export const CALENDAR_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may',
  'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);

/** Last words of organisations' names. */
export const ORGANISATION_HEADS = /(?:^|\s)(?:inc|ltd|llc|plc|group|company|corporation|corp|library|university|college|school|bank|museum|motors|automobiles|club|council|association|society|agency|department|foundation|institute|trust|authority|committee|board|friends|dealership|garage)\.?$/i;
/** Table headers whose cells are places. */
export const PLACE_COLUMNS = /location|place|city|town|country|region|address|neighbou?rhood|area|site|district|where/i;
/** Words that say a name is a place when they come right before it. */
export const PLACE_PREPOSITIONS = /(?:\bin|\bat|\bnear|\bfrom|\boutside)\s+(?:the\s+)?$/i;

/** A role someone holds: "chief executive", "head librarian", "CEO". */
const ROLE = String.raw`(?:[a-z-]+\s+){0,3}?(?:executive(?:\s+officer)?|officer|ceo|president|chair(?:man|woman|person)?|director|head(?:\s+[a-z]+)?|manager|founder|owner|librarian|leader|boss|minister|mayor|spokes(?:man|woman|person)|principal|dean|editor|secretary|treasurer|coordinator|supervisor|chief)`;

export interface RolePattern {
  readonly regex: RegExp;
  /** Which capture groups hold the person, the role and the organisation. */
  readonly person: number;
  readonly role: number;
  readonly organisation: number;
}

export const ROLE_PATTERNS: readonly RolePattern[] = [
  // "Jane Doe, the chief executive of Acme Corp"
  { regex: new RegExp(String.raw`(${NAME}),\s+(?:the\s+|its\s+|our\s+|their\s+)?(?:new\s+|current\s+|former\s+)?(${ROLE})\s+(?:of|at|for)\s+(?:the\s+)?(${NAME})`, 'gu'), person: 1, role: 2, organisation: 3 },
  // "the chief executive of Acme Corp, Jane Doe"
  { regex: new RegExp(String.raw`\b(?:the\s+)?(?:new\s+|current\s+)?(${ROLE})\s+of\s+(?:the\s+)?(${NAME}),\s+(${NAME})`, 'gu'), person: 3, role: 1, organisation: 2 },
  // "Acme Corp CEO Jane Doe"
  { regex: new RegExp(String.raw`(${NAME})(?:[’']s)?\s+(${ROLE})\s+(${NAME})`, 'gu'), person: 3, role: 2, organisation: 1 },
];

/** "was founded in 1921": the verb and the year. */
export const EVENT_YEAR = /\b(?:was|were|is|has been|had been)?\s*(founded|established|opened|built|set up|created|started|launched|completed|acquired|renovated|inaugurated)\s+(?:in|back in)\s+((?:1[5-9]|20)\d\d)\b/gi;
/** "until 2027", "through 2026". */
export const UNTIL_YEAR = /\b(?:until|till|through|to the end of)\s+((?:1[5-9]|20)\d\d)\b/gi;
/** "…the Leeds plant, where it builds the Model X". */
export const WHERE_IT_BUILDS = new RegExp(String.raw`(${NAME})[^.;]*?,\s+(?:where|at which)\s+(?:it|they|we|the company|the brand)\s+(?:builds?|makes?|produces?|assembles?|manufactures?)\s+(?:the\s+)?(${NAME})`, 'gu');
/** "The Junior is built in Tychy". */
export const BUILT_AT = new RegExp(String.raw`(${NAME})\s+(?:is|are|was|were|will be|is being|are being)\s+(?:still\s+)?(?:built|made|produced|assembled|manufactured)\s+(?:at|in)\s+(?:the\s+)?(${NAME})`, 'gu');
/** "is owned by Acme Group". */
export const OWNED_BY = new RegExp(String.raw`(${NAME})\s+(?:is|are|was|has been)\s+(?:now\s+)?owned\s+by\s+(?:the\s+)?(${NAME})`, 'gu');

/** Templates for the questions and answers of relations found in documents. */
export const RELATION_TEXTS = {
  role: {
    examples: ['Who is the {role} of {subject}?', 'Who is {subject}’s {role}?', '{subject} {role}', 'Who is the {role}?', 'Who is the current {role} of {subject}?', 'Name the {role} of {subject}', 'Who serves as {role}?', 'Tell me who the {role} is'],
    /** Also asked of roles that lead ("head", "chief", "director"…). */
    leading: ['Who runs {subject}?', 'Who leads {subject}?', 'Who is in charge of {subject}?', 'Who heads {subject} now?', 'Who is the boss?'],
    template: 'The {role} of {subject} is {objects}.',
    label: 'The {role} of {subject}',
  },
  event: {
    examples: ['When was {subject} {verb}?', 'What year was {subject} {verb}?', 'When was it {verb}?', 'In which year was {subject} {verb}?', 'Since when has {subject} been around?', '{subject} {verb} year'],
    template: '{subject} was {verb} in {objects}.',
    label: 'When {subject} was {verb}',
  },
} as const;

/** Roles that lead an organisation: asked about as "who runs…?". */
export const LEADING_ROLE = /\b(?:head|chief|ceo|director|president|executive|manager|leader|boss|principal|dean|mayor)\b/i;

/** The verbs of EVENT_YEAR, as relations: "set up" and "established" mean "founded". */
export function eventRelation(verb: string): string {
  const lower = verb.toLowerCase();
  return lower === 'established' || lower === 'set up' || lower === 'created' || lower === 'started' ? 'founded' : lower;
}

/** Ways visitors ask an FAQ question in few words: "opening hours?". */
export const FAQ_PARAPHRASES = ['{keywords}?'] as const;
