/**
 * The English words and patterns a conversation is followed by (corrections, asides, tag and
 * compound questions, lists, references), and the English texts the moves say when the knowledge
 * base's bot.yaml does not give its own. Another language mirrors this module.
 */
import type { ConversationWords } from './types';

const QUESTION_WORDS = new Set(['where', 'when', 'who', 'why', 'how', 'which', 'what']);
/** Other forms of a question word, as the word they retarget a question to. */
const QUESTION_WORD_FORMS: Readonly<Record<string, string>> = { whom: 'who', whose: 'who', whereabouts: 'where' };

/** Words a yes/no question starts with. */
const AUXILIARIES = ['is', 'are', 'was', 'were', 'does', 'do', 'did', 'will', 'can', 'could', 'has', 'have', 'would', 'should'];
const AUX = AUXILIARIES.join('|');
const QWORD = `(?:where|when|who|whom|what|which|how|why|${AUX})`;

/** "sorry, I meant the Model Y", "no, the Model Z", "not that one, the X", "actually I meant X". */
const CORRECTION = /^(?:(?:sorry|oops|no|nope|actually|wait|i mean|not that one|not that|not this one|rather|correction)[\s,!.;:—–-]+)+(?:(?:i|I) (?:meant|mean|said|was asking about|asked about)\s+)?(.+)$|^(?:i|I) (?:meant|mean)\s+(.+)$/i;

/** Openings and closings that carry nothing ("ok, so…", "…then?", "…, by the way?"). */
const DISCOURSE_START = new RegExp(`^(?:(?:ok(?:ay)?|so|well|right|alright|anyway|hmm+|great|cool|and so|and(?= (?:${AUX})\\b))[\\s,!.;:—–-]+)+(?=\\S)`, 'i');
const DISCOURSE_END = /(?:[\s,]+(?:then|by the way|btw|please))+\s*(?=[?.!]*$)/i;

/** "back to the Model X — where is it built?", "back to Plant A, where is it?", "back to the Model X". */
const RETURN = new RegExp(`^(?:going |coming |now |let's go |let us go )?back to\\s+(.+?)(?:(?:\\s*[—–:,;-]\\s*|\\s+)(${QWORD}\\b.*))?\\s*[?.!]*$`, 'i');

/** A statement with a tag: "the Model X is made in Chile, right?", "…, isn't it?". */
const TAG_QUESTION = /^(.+?)[\s,]+(?:right|correct|true|yes|no|isn't it|is it not|aren't they|aren't there|wasn't it|weren't they|doesn't it|don't they|didn't it|didn't they|hasn't it|haven't they|won't it|am i right|is that right|is that correct|is that true|yeah)\s*\?+$/i;
/** Words a tag statement's verb can be moved to the front of. */
const STATEMENT_AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'will', 'can', 'has', 'have']);
/** What a statement with no auxiliary is asked with ("Acme owns the brand" → "does Acme own…"). */
const DO_SUPPORT = 'does';

/** Where a compound question splits: before "and" (or ", and") followed by a new question word. */
const COMPOUND_SPLIT = new RegExp(`\\s*,?\\s+(?:and|also)\\s+(?=${QWORD}\\b)|(?<=\\?)\\s+(?=\\S)`, 'i');

/** Where the sentences of a longer message meet (not after an abbreviation such as "U.S."). */
const SENTENCE_SPLIT = /(?<=(?:[\p{L}\p{N}]{2}|[’'")])[.!?]+)\s+(?=[\p{Lu}"“])/u;
/** A message shorter than this is one question, however it is punctuated. */
const MIN_BURIED_WORDS = 12;

/** "tell me about the old works", "what's the deal with the new plant?". */
const TOPIC = /^(?:(?:can|could) you |please )?(?:tell me (?:more |a bit |something )?about|what(?:'s| is) the (?:deal|story|news) with|what(?:'s| is) up with|what do you know about|what can you (?:tell me|say) about|what do your sources say about|info(?:rmation)? (?:on|about)|anything (?:on|about)|talk about|describe)\s+(.+?)\s*[?.!]*$/i;

/** List operations on the last list given. */
const LIST_FILTER = /^(?:and |so |but )?(?:which|what|how many)(?: ones?)?(?: of (?:those|them|these|the ones))?(?: ones?)?(?: (?:are|is|were|was)| (?:are|is) (?:there|they))\s+(.+?)\s*[?.!]*$/i;
const LIST_ALL_CHECK = /^(?:and |so |but )?(?:are|were|is) (?:they|those|these|all of them|all of those|they all|those all|all)(?: all)?\s+(.+?)\s*[?.!]*$/i;
const LIST_ALL = /^(?:and |so |but )?(?:all of (?:them|those|these)|all|all of them too|every one of them|each of them)\s*[?.!]*$/i;
const LIST_COUNT = /^(?:and |so |but )?how many(?: (?:is that|are there|are they|of them|of those|do they have|in all|in total|altogether|is it))?\s*[?.!]*$/i;
const LIST_ORDINAL = /^(?:and |so |but )?(?:what about |how about |tell me about |and )?the (first|second|third|fourth|fifth|sixth|last|other)(?: one)?\s*[?.!]*$/i;
const ORDINALS: Readonly<Record<string, number>> = { first: 0, second: 1, third: 2, fourth: 3, fifth: 4, sixth: 5, last: -1 };
/** Words before a place in a filter ("in Chile", "at Plant A"); the first is the default. */
const PLACE_PREPOSITIONS = ['in', 'at', 'from', 'near', 'of', 'by'];

/** References, by what they stand for. */
const PLACE_REFERENCE = /\b(?:over there|there)\b/i;
const PERSON_REFERENCE = /\b(?:he|she|him|her|his|hers)\b/i;
/** "that", "that one", "this plant": the thing the last answer named. Not "who said that", "where does that come from". */
const THING_REFERENCE = /\b(?:that one|this one|that|this)\b/i;
const POSSESSIVE_PERSON = /\b(?:his|her)\b/i;
/** A message about where an answer comes from, or who said it: "that" there is the answer itself. */
const PROVENANCE_CUE = /\b(?:said|say|says|saying|quote|quoted|quoting|source|sources|come from|comes from|came from|where from|according|told|tell you|read that|got that|know that|sure)\b/i;

/** Small-talk intents need one of their own words in the message; these do not count. */
const STOPWORDS = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'is', 'it', 'that', 'this', 'and', 'or', 'i', 'you', 'me', 'my', 'your', 'one', 'be', 'are', 'was', 'so', 'do', 'what', 'with', 'all', 'for', 'now', 'them', 'those', 'first', 'last']);

/** English texts of the moves, used when bot.yaml has no text of the same key. */
const MOVE_TEXTS = {
  /** "{count}", "{phrase}" (e.g. "in Chile"), "{items}". */
  listFilter: 'Of those, {count} {phrase}: {items}.',
  listFilterNone: 'None of those is {phrase}.',
  listAllYes: 'Yes. All {count} are {phrase}: {items}.',
  listAllNo: 'No. Not {phrase}: {others}. {phrase_cap}: {items}.',
  listCount: 'That makes {count}: {items}.',
  listAll: 'All {count}: {items}.',
  noList: "I haven't given you a list to pick from yet, so I can't tell which you mean.",
  /** "{part}": a part of a compound question the sources cannot answer. */
  partUnknown: 'As for “{part}”: I don’t know, my sources don’t say.',
  /** "{subject}": what the sources say about something named without a question. */
  topicIntro: 'Here is what my sources say about {subject}:',
};

export const englishConversation: ConversationWords = {
  questionWords: QUESTION_WORDS,
  questionWordForms: QUESTION_WORD_FORMS,
  correction: CORRECTION,
  discourseStart: DISCOURSE_START,
  discourseEnd: DISCOURSE_END,
  returnTo: RETURN,
  tagQuestion: TAG_QUESTION,
  asYesNo(statement) {
    const words = statement.replace(/^(?:and|so|but)\s+/i, '').trim().split(/\s+/);
    if (words.length < 2) return undefined;
    const at = words.findIndex((w, i) => i > 0 && STATEMENT_AUXILIARIES.has(w.toLowerCase()));
    if (at > 0) return `${words[at]!.toLowerCase()} ${[...words.slice(0, at), ...words.slice(at + 1)].join(' ')}?`;
    return `${DO_SUPPORT} ${words.join(' ')}?`;
  },
  compoundSplit: COMPOUND_SPLIT,
  sentenceSplit: SENTENCE_SPLIT,
  minBuriedWords: MIN_BURIED_WORDS,
  topic: TOPIC,
  listFilter: LIST_FILTER,
  listFilterCounts: /^(?:\w+ )?how many/i,
  listAllCheck: LIST_ALL_CHECK,
  listAll: LIST_ALL,
  listCount: LIST_COUNT,
  listOrdinal: LIST_ORDINAL,
  ordinals: ORDINALS,
  placePrepositions: PLACE_PREPOSITIONS,
  placeReference: PLACE_REFERENCE,
  personReference: PERSON_REFERENCE,
  thingReference: THING_REFERENCE,
  possessivePerson: POSSESSIVE_PERSON,
  provenanceCue: PROVENANCE_CUE,
  atPlace: (name) => `at ${name}`,
  possessive: (name) => `${name}’s`,
  stopWords: STOPWORDS,
  texts: MOVE_TEXTS,
};
