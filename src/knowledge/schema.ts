/**
 * The knowledge base's types: what the maintainer writes in knowledge/ and what the build produces.
 * Nothing here knows the subject of the knowledge; names live in the data.
 */

/** One source document, from knowledge/sources/*.md (front matter + markdown body). */
export interface SourceMeta {
  readonly id: string;
  readonly title: string;
  /** As shown in citations: a year or date, or "undated" (undated sources rank as oldest). */
  readonly date: string;
  readonly url?: string;
}

/** A sentence of a source, verbatim, with where it sits. */
export interface Sentence {
  readonly id: string;
  readonly source: string;
  readonly text: string;
  /** The heading the sentence sits under, if any. */
  readonly section?: string;
  /** For a table row: its cells, and its table's header cells. */
  readonly cells?: readonly string[];
  readonly columns?: readonly string[];
}

/** A question and answer found in a source's FAQ (a heading ending in "?" followed by a paragraph). */
export interface FaqItem {
  readonly id: string;
  readonly source: string;
  readonly question: string;
  readonly answer: string;
}

export interface Entity {
  readonly id: string;
  /** A free-form type chosen by the maintainer (e.g. "model", "plant", "person"). */
  readonly type: string;
  readonly name: string;
  readonly aliases?: readonly string[];
  /** A note for the maintainer; the bot does not use it. */
  readonly description?: string;
  /** Found in a document by the build rather than written in entities.yaml. */
  readonly extracted?: boolean;
}

export interface RelationDef {
  readonly id: string;
  /** One true value at a time (an owner, a CEO): the newest source wins and older ones are mentioned. */
  readonly single?: boolean;
  /** Followed repeatedly for {chain:…} and yes/no checks (e.g. "located in"). */
  readonly transitive?: boolean;
}

export interface Fact {
  readonly id: string;
  readonly subject: string;
  readonly relation: string;
  /** An entity id, or… */
  readonly object?: string;
  /** …a literal value (a year, a name, a phrase). Exactly one of object/value. */
  readonly value?: string;
  /** The source document's id and a verbatim quote from it. */
  readonly source: string;
  readonly quote: string;
  /** A sentence stating this fact, used when a template does not fit (optional). */
  readonly statement?: string;
  /** Ids of facts from a more specific or newer source that this one is overridden by. */
  readonly supersededBy?: readonly string[];
  /** The entity (a person) the quote is attributed to, for "who said that?". */
  readonly saidBy?: string;
  /** Read from a document's wording by the build rather than written in facts.yaml. */
  readonly extracted?: boolean;
}

/** How an intent's answer is composed from facts. */
export interface AnswerPart {
  /** Entity type(s) the question is about; the recognised (or remembered) entity fills {subject}. */
  readonly about: string | readonly string[];
  readonly relation: string;
  /** out: subject → objects (default); in: entities whose relation points at the subject. */
  readonly direction?: 'out' | 'in';
  /** e.g. "The {subject} is built at {objects}." Placeholders: {subject} {objects} {count} {chain:REL}. */
  readonly template?: string;
  /** How each object is written in {objects}: "{name}" by default; "{name} ({chain:locatedIn})". */
  readonly item?: string;
  /** Only these entity types count as objects (for "in" relations shared by several types). */
  readonly objectType?: string;
  /** false: never answer yes/no questions with "Yes."/"No." here. */
  readonly yesNo?: boolean;
  /** Instead of "Yes."/"No." for this part, where the facts are hedged (e.g. "It is being considered."). */
  readonly yes?: string;
  readonly no?: string;
}

interface IntentCommon {
  readonly id: string;
  readonly examples: readonly string[];
  /** Questions offered as buttons after the answer. */
  readonly followUps?: readonly string[];
  /** Shown in "Did you mean…" and help lists. */
  readonly label?: string;
}

/** Answered by composing facts; several parts are joined in order (parts without facts are skipped). */
export interface FactsIntent extends IntentCommon {
  readonly kind: 'facts';
  readonly answer: readonly AnswerPart[];
  /** Asked when the question needs an entity that is neither named nor remembered. */
  readonly clarify?: string;
  /** FAQ questions (from the sources) this intent answers instead of the FAQ's own answer. */
  readonly faq?: readonly string[];
  /** Made by the build for a relation read from the documents (its questions are generated). */
  readonly fromDocuments?: boolean;
}

/** Greetings and the like: a fixed reply (one is picked), no citation. */
export interface SmalltalkIntent extends IntentCommon {
  readonly kind: 'smalltalk';
  readonly reply: readonly string[];
}

/** A source's FAQ entry, answered with its own answer. In intents.yaml: extra examples or follow-ups for it. */
export interface FaqIntent extends IntentCommon {
  readonly kind: 'faq';
  readonly faqItem: string;
}

/** Out-of-scope examples: answered honestly with "I don't know" unless a document answers. */
export interface NoneIntent extends IntentCommon {
  readonly kind: 'none';
}

/** "Who said that?" / "where does that come from?": answered from the last answer. */
export interface ProvenanceIntent extends IntentCommon {
  readonly kind: 'provenance';
}

export type IntentDef = FactsIntent | SmalltalkIntent | FaqIntent | NoneIntent | ProvenanceIntent;
export type IntentKind = IntentDef['kind'];

/** The answer parts of an intent (none unless it answers from facts). */
export function answerParts(intent: IntentDef): readonly AnswerPart[] {
  return intent.kind === 'facts' ? intent.answer : [];
}

/** Whether a fact quotes a sentence (the quote is in it, or it is all of the quote). */
export function quotes(fact: Fact, sentence: Sentence): boolean {
  return fact.source === sentence.source && (sentence.text.includes(fact.quote) || fact.quote.includes(sentence.text));
}

/** Facts grouped by the source they quote, so sentences are checked only against their own source's facts. */
export function factsBySource(facts: readonly Fact[]): Map<string, Fact[]> {
  const groups = new Map<string, Fact[]>();
  for (const fact of facts) groups.set(fact.source, [...(groups.get(fact.source) ?? []), fact]);
  return groups;
}

/** Fails to compile when a switch over intent or reply kinds misses one. */
export function unreachable(value: never): never {
  throw new Error(`unhandled kind: ${JSON.stringify(value)}`);
}

/** Texts the bot says that are not answers (knowledge/bot.yaml). */
export interface BotTexts {
  readonly name: string;
  readonly welcome: string;
  readonly unknown: string;
  readonly suggestionsIntro: string;
  readonly starterQuestions: readonly string[];
  readonly sourceLabel: string;
  readonly quotedNote: string;
  readonly yes: string;
  readonly no: string;
  readonly didYouMean: string;
  readonly noneOfTheAbove: string;
  readonly searchIntro: string;
  /** "{source}", "{date}": leads an answer from a newer source that replaces an older one. */
  readonly accordingTo: string;
  readonly clarifyChoices: string;
  readonly empty: string;
  readonly tooLong: string;
  /** "{subject}": nothing in the sources for this question about it. */
  readonly noFacts: string;
  /** "{excluded}": a "what else…" question whose only answer was already given. */
  readonly nothingElse: string;
  /** "{subject}": the message names something but asks nothing; offered questions follow. */
  readonly aboutTopic: string;
  /** "{name}": a clarification reply naming something the knowledge does not have. */
  readonly unknownThing: string;
  /** "{sources}": where the last answer came from. */
  readonly provenance: string;
  /** "{speaker}", "{source}": who is quoted in the last answer. */
  readonly saidBy: string;
  /** Asked "who said that?" before anything was answered. */
  readonly noProvenance: string;
  /** A message mostly in another language, or gibberish. */
  readonly notUnderstood: string;
  /** The language's name in itself ("English", "italiano"), for the list of languages spoken. */
  readonly languageName?: string;
  /** "{languages}": a message in a language the bot does not speak. */
  readonly unsupportedLanguage?: string;
  /** The word joining the last two items of a list ("and"). */
  readonly and?: string;
  /** The citation label for several sources (default: sourceLabel + "s"). */
  readonly sourcesLabel?: string;
  /** "{quote}": a fact stated in the sources' language, quoted, when no statement in this language is written. */
  readonly quotedFact?: string;
}

/** An answer part's wording in another language, by position of the intent's parts. */
export interface PartTranslation {
  readonly template?: string;
  readonly item?: string;
  readonly yes?: string;
  readonly no?: string;
}

/** An intent in another language: its examples train that language's model; its texts are said in it. */
export interface IntentTranslation {
  readonly examples: readonly string[];
  readonly label?: string;
  readonly clarify?: string;
  readonly followUps?: readonly string[];
  readonly reply?: readonly string[];
  readonly answer?: readonly PartTranslation[];
}

export interface EntityTranslation {
  /** How the name is written in the language (default: as in entities.yaml). */
  readonly name?: string;
  readonly aliases: readonly string[];
}

/** Everything the knowledge base says in one of its other languages (knowledge/*.LANG.yaml). */
export interface Translation {
  readonly bot: BotTexts;
  readonly intents: Readonly<Record<string, IntentTranslation>>;
  readonly entities: Readonly<Record<string, EntityTranslation>>;
  /** Fact id → a statement of it in the language. */
  readonly statements: Readonly<Record<string, string>>;
}

/** Everything the build writes to the fact store, loaded at start-up. */
export interface KnowledgeData {
  readonly version: string;
  readonly builtAt: string;
  readonly bot: BotTexts;
  readonly sources: readonly SourceMeta[];
  readonly sentences: readonly Sentence[];
  readonly faq: readonly FaqItem[];
  readonly entities: readonly Entity[];
  readonly relations: readonly RelationDef[];
  readonly facts: readonly Fact[];
  readonly intents: readonly IntentDef[];
  /** The languages questions are answered in, the sources' own first (bot.yaml `languages`; default: English only). */
  readonly languages?: readonly string[];
  /** The other languages' texts, by language code. */
  readonly translations?: Readonly<Record<string, Translation>>;
  /** In a view of the knowledge in another language (localize.ts): that language. */
  readonly language?: string;
}

/** Thrown when the knowledge is malformed; names the file and the entry. */
export class KnowledgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KnowledgeError';
  }
}
