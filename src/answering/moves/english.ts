/**
 * The English words and patterns the conversation moves recognise, and the English texts they say
 * when the knowledge base's bot.yaml does not give its own. Everything language-specific about
 * following a conversation is here, so that another language can mirror this one module.
 */

/** Words a fragment may carry besides entities without asking anything new ("and the Terra too?"). */
export const FILLER = new Set(['and', 'what', 'about', 'how', 'the', 'a', 'an', 'at', 'in', 'on', 'for', 'of', 'then', 'ok', 'okay', 'so', 'also', 'plus', 'same', 'again', 'too', 'to', 'by']);
export const QUESTION_WORDS = new Set(['where', 'when', 'who', 'why', 'how', 'which', 'what']);
/** Other forms of a question word, as the word they retarget a question to. */
export const QUESTION_WORD_FORMS: Readonly<Record<string, string>> = { whom: 'who', whose: 'who', whereabouts: 'where' };

/** Words a yes/no question starts with. */
export const AUXILIARIES = ['is', 'are', 'was', 'were', 'does', 'do', 'did', 'will', 'can', 'could', 'has', 'have', 'would', 'should'];
const AUX = AUXILIARIES.join('|');
const QWORD = `(?:where|when|who|whom|what|which|how|why|${AUX})`;

/** "sorry, I meant the Model Y", "no, the Model Z", "not that one, the X", "actually I meant X". */
export const CORRECTION = /^(?:(?:sorry|oops|no|nope|actually|wait|i mean|not that one|not that|not this one|rather|correction)[\s,!.;:—–-]+)+(?:(?:i|I) (?:meant|mean|said|was asking about|asked about)\s+)?(.+)$|^(?:i|I) (?:meant|mean)\s+(.+)$/i;

/** Openings and closings that carry nothing ("ok, so…", "…then?", "…, by the way?"). */
export const DISCOURSE_START = new RegExp(`^(?:(?:ok(?:ay)?|so|well|right|alright|anyway|hmm+|great|cool|and so|and(?= (?:${AUX})\\b))[\\s,!.;:—–-]+)+(?=\\S)`, 'i');
export const DISCOURSE_END = /(?:[\s,]+(?:then|by the way|btw|please))+\s*(?=[?.!]*$)/i;

/** "back to the Model X — where is it built?", "back to Plant A, where is it?", "back to the Model X". */
export const RETURN = new RegExp(`^(?:going |coming |now |let's go |let us go )?back to\\s+(.+?)(?:(?:\\s*[—–:,;-]\\s*|\\s+)(${QWORD}\\b.*))?\\s*[?.!]*$`, 'i');

/** A statement with a tag: "the Model X is made in Chile, right?", "…, isn't it?". */
export const TAG_QUESTION = /^(.+?)[\s,]+(?:right|correct|true|yes|no|isn't it|is it not|aren't they|aren't there|wasn't it|weren't they|doesn't it|don't they|didn't it|didn't they|hasn't it|haven't they|won't it|am i right|is that right|is that correct|is that true|yeah)\s*\?+$/i;
/** Words a tag statement's verb can be moved to the front of. */
export const STATEMENT_AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'will', 'can', 'has', 'have']);
/** What a statement with no auxiliary is asked with ("Acme owns the brand" → "does Acme own…"). */
export const DO_SUPPORT = 'does';

/** Where a compound question splits: before "and" (or ", and") followed by a new question word. */
export const COMPOUND_SPLIT = new RegExp(`\\s*,?\\s+(?:and|also)\\s+(?=${QWORD}\\b)|(?<=\\?)\\s+(?=\\S)`, 'i');

/** Where the sentences of a longer message meet (not after an abbreviation such as "U.S."). */
export const SENTENCE_SPLIT = /(?<=(?:[\p{L}\p{N}]{2}|[’'")])[.!?]+)\s+(?=[\p{Lu}"“])/u;
/** A message shorter than this is one question, however it is punctuated. */
export const MIN_BURIED_WORDS = 12;

/** "tell me about the old works", "what's the deal with the new plant?". */
export const TOPIC = /^(?:(?:can|could) you |please )?(?:tell me (?:more |a bit |something )?about|what(?:'s| is) the (?:deal|story|news) with|what(?:'s| is) up with|what do you know about|what can you (?:tell me|say) about|what do your sources say about|info(?:rmation)? (?:on|about)|anything (?:on|about)|talk about|describe)\s+(.+?)\s*[?.!]*$/i;

/** List operations on the last list given. */
export const LIST_FILTER = /^(?:and |so |but )?(?:which|what|how many)(?: ones?)?(?: of (?:those|them|these|the ones))?(?: ones?)?(?: (?:are|is|were|was)| (?:are|is) (?:there|they))\s+(.+?)\s*[?.!]*$/i;
export const LIST_ALL_CHECK = /^(?:and |so |but )?(?:are|were|is) (?:they|those|these|all of them|all of those|they all|those all|all)(?: all)?\s+(.+?)\s*[?.!]*$/i;
export const LIST_ALL = /^(?:and |so |but )?(?:all of (?:them|those|these)|all|all of them too|every one of them|each of them)\s*[?.!]*$/i;
export const LIST_COUNT = /^(?:and |so |but )?how many(?: (?:is that|are there|are they|of them|of those|do they have|in all|in total|altogether|is it))?\s*[?.!]*$/i;
export const LIST_ORDINAL = /^(?:and |so |but )?(?:what about |how about |tell me about |and )?the (first|second|third|fourth|fifth|sixth|last|other)(?: one)?\s*[?.!]*$/i;
export const ORDINALS: Readonly<Record<string, number>> = { first: 0, second: 1, third: 2, fourth: 3, fifth: 4, sixth: 5, last: -1 };
/** Words before a place in a filter ("in Chile", "at Plant A"); the first is the default. */
export const PLACE_PREPOSITIONS = ['in', 'at', 'from', 'near', 'of', 'by'];

/** References, by what they stand for. */
export const PLACE_REFERENCE = /\b(?:over there|there)\b/i;
export const PERSON_REFERENCE = /\b(?:he|she|him|her|his|hers)\b/i;
/** "that", "that one", "this plant": the thing the last answer named. Not "who said that", "where does that come from". */
export const THING_REFERENCE = /\b(?:that one|this one|that|this)\b/i;
export const POSSESSIVE_PERSON = /\b(?:his|her)\b/i;
/** A message about where an answer comes from, or who said it: "that" there is the answer itself. */
export const PROVENANCE_CUE = /\b(?:said|say|says|saying|quote|quoted|quoting|source|sources|come from|comes from|came from|where from|according|told|tell you|read that|got that|know that|sure)\b/i;

/** Small-talk intents need one of their own words in the message; these do not count. */
export const STOPWORDS = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'is', 'it', 'that', 'this', 'and', 'or', 'i', 'you', 'me', 'my', 'your', 'one', 'be', 'are', 'was', 'so', 'do', 'what', 'with', 'all', 'for', 'now', 'them', 'those', 'first', 'last']);

/** English texts of the moves, used when bot.yaml has no text of the same key. */
export const MOVE_TEXTS = {
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
} as const;

export type MoveTexts = { readonly [K in keyof typeof MOVE_TEXTS]: string };

/** Capitalises a phrase's first letter, for a phrase that starts a sentence. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
