/**
 * What every kind of answer needs: the fact store, the bot's texts, the composer, the document
 * answers, and the shared ways of saying "I don't know" and of suggesting questions.
 */
import { AnswerComposer } from '../knowledge/compose';
import type { BotTexts, Entity, IntentDef } from '../knowledge/schema';
import type { FactStore } from '../knowledge/store';
import { namesOf, type EntityMatch } from '../nlu/entities';
import { languageModule, type LanguageModule } from '../nlu/languages';
import { contentStems } from '../knowledge/search';
import { normalize } from '../nlu/text';
import type { Analysis } from '../nlu/understanding';
import { DocumentAnswers, isCrossLingual, questionLanguage } from './documents';
import type { ConversationMemory, Reply, Trace } from './types';

export const MAX_SUGGESTIONS = 3;
/** Entities remembered for "it", "there", "that"… */
export const MAX_REMEMBERED = 12;

/** A question as the engine understood it. */
export interface Resolved {
  readonly analysis: Analysis;
  /** The question as understood, with a follow-up fragment expanded. */
  readonly question: string;
}

export class AnswerContext {
  readonly composer: AnswerComposer;
  readonly documents: DocumentAnswers;
  /** Normalised knowledge texts (never a user's message), so the map is bounded by the knowledge. */
  private readonly normalizedTexts = new Map<string, string>();
  private readonly intentStems = new Map<string, ReadonlySet<string>>();
  /** The language questions are read in here. */
  private readonly language: LanguageModule;

  constructor(readonly store: FactStore) {
    this.composer = new AnswerComposer(store, store.data.bot);
    this.documents = new DocumentAnswers(store);
    this.language = languageModule(questionLanguage(store.data));
  }

  get texts(): BotTexts {
    return this.store.data.bot;
  }

  /**
   * Whether a question shares a word with an intent's questions, beyond the names both mention.
   * Generated questions are few and alike ("Who is the …?"): the classifier alone would send
   * every "who" question to them.
   */
  sharesWords(intent: IntentDef, analysis: Analysis): boolean {
    let stems = this.intentStems.get(intent.id);
    if (!stems) {
      const names = new Set(this.store.data.entities.flatMap(namesOf).flatMap((n) => contentStems(n, this.language)));
      stems = new Set(intent.examples.flatMap((e) => contentStems(e, this.language)).filter((s) => !names.has(s)));
      this.intentStems.set(intent.id, stems);
    }
    const named = new Set(analysis.entities.flatMap((m) => contentStems(m.text, this.language)));
    return contentStems(analysis.text, this.language).some((s) => !named.has(s) && stems!.has(s));
  }

  /** Questions are asked in another language than the documents are written in: quotes get a lead-in. */
  get crossLingual(): boolean {
    return isCrossLingual(this.store.data);
  }

  /** The entities a part is about: named in the question, else the latest remembered, else the only one of its type. */
  subjectsFor(types: readonly string[], analysis: Analysis, memory: ConversationMemory): Entity[] {
    const named = this.entitiesIn(analysis.entities).filter((e) => types.includes(e.type));
    if (named.length) return named;
    const remembered = (memory.recent ?? []).map((id) => this.store.entity(id)).find((e) => e && types.includes(e.type));
    if (remembered) return [remembered];
    const all = types.flatMap((type) => this.store.entitiesOfType(type));
    return all.length === 1 ? all : [];
  }

  entitiesIn(matches: readonly EntityMatch[]): Entity[] {
    const ids = [...new Set(matches.flatMap((m) => m.entities.map((e) => e.id)))];
    return ids.map((id) => this.store.entity(id)).filter((e): e is Entity => e !== undefined);
  }

  unknown(question: string, trace: Trace, text: string = this.texts.unknown): Reply {
    const asked = normalize(question);
    const starters = this.texts.starterQuestions.filter((q) => this.normalized(q) !== asked);
    return { kind: 'unknown', text, suggestions: starters.slice(0, MAX_SUGGESTIONS), trace };
  }

  suggestionsFor(intent: IntentDef, question: string): string[] {
    const asked = lettersAndDigits(normalize(question));
    return (intent.followUps ?? this.texts.starterQuestions)
      .filter((q) => lettersAndDigits(this.normalized(q)) !== asked)
      .slice(0, MAX_SUGGESTIONS);
  }

  /** The normalised form of one of the knowledge base's own texts (a suggestion, an example, a name): worked out once. */
  normalized(text: string): string {
    let found = this.normalizedTexts.get(text);
    if (found === undefined) {
      found = normalize(text);
      this.normalizedTexts.set(text, found);
    }
    return found;
  }
}

function lettersAndDigits(normal: string): string {
  return normal.replace(/[^a-z0-9 ]/g, '');
}
