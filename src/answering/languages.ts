/**
 * Answers in the language a message is written in: one answering engine per language of the
 * knowledge base (its own model, texts and templates over the same facts), the language detected
 * among those only and kept by the conversation until the person switches. A message in a language
 * the bot does not speak gets a short reply naming the languages it does, never an answer.
 */
import { fill } from '../knowledge/compose';
import type { BotTexts } from '../knowledge/schema';
import { baseLanguage } from '../nlu/languages';
import type { LanguageDetector } from '../nlu/languages/detect';
import { MAX_SUGGESTIONS } from './context';
import type { AnswerEngine } from './engine';
import { emptyTrace } from './trace';
import type { ConversationMemory, PendingQuestion, Reply } from './types';

export class MultilingualEngine {
  private readonly engines = new Map<string, AnswerEngine>();

  constructor(
    /** By language code, the sources' language first: each engine is made the first time it is needed. */
    private readonly makers: ReadonlyMap<string, () => AnswerEngine>,
    private readonly detector: LanguageDetector,
  ) {}

  /** The languages answered in, the sources' own first. */
  get languages(): string[] {
    return [...this.makers.keys()];
  }

  /** The sources' language's texts. */
  get texts(): BotTexts {
    return this.textsFor(undefined);
  }

  /** The texts of a language or locale ("it-IT"); the sources' language's for any other. */
  textsFor(locale: string | undefined): BotTexts {
    return this.engine(this.languageFor(locale)).texts;
  }

  /** The declared language a locale asks for, else the sources' language. */
  languageFor(locale: string | undefined): string {
    const wanted = locale ? baseLanguage(locale) : undefined;
    return wanted && this.makers.has(wanted) ? wanted : this.languages[0]!;
  }

  ask(message: string, memory: ConversationMemory = {}): Reply {
    const chosen = this.choose(message, memory);
    if (chosen.kind === 'unsupported') return this.unsupported(message);
    return stamp(this.engine(chosen.language).ask(message, chosen.memory), chosen.language);
  }

  answerClarification(pending: PendingQuestion, message: string, memory: ConversationMemory = {}): Reply {
    const language = this.languageFor(memory.language);
    return stamp(this.engine(language).answerClarification(pending, message, memory), language);
  }

  answerIntent(intentId: string, question: string, memory: ConversationMemory = {}): Reply {
    const language = this.languageFor(memory.language);
    return stamp(this.engine(language).answerIntent(intentId, question, memory), language);
  }

  dontKnow(question: string, memory: ConversationMemory = {}): Reply {
    const language = this.languageFor(memory.language);
    return stamp(this.engine(language).dontKnow(question), language);
  }

  private engine(language: string): AnswerEngine {
    let engine = this.engines.get(language);
    if (!engine) {
      engine = this.makers.get(language)!();
      this.engines.set(language, engine);
    }
    return engine;
  }

  private choose(message: string, memory: ConversationMemory): { kind: 'supported'; language: string; memory: ConversationMemory } | { kind: 'unsupported' } {
    const current = this.languageFor(memory.language);
    const detected = this.detector.detect(message, current);
    if (detected.kind === 'unsupported') return { kind: 'unsupported' };
    const language = detected.kind === 'supported' ? detected.language : current;
    // A follow-up is read against the last question: not across a change of language.
    if (language === current) return { kind: 'supported', language, memory };
    const { question: _question, ...rest } = memory;
    return { kind: 'supported', language, memory: rest };
  }

  private unsupported(message: string): Reply {
    const texts = this.texts;
    const names = this.languages.map((code) => this.engine(code).texts.languageName ?? code).join(', ');
    const text = texts.unsupportedLanguage ? fill(texts.unsupportedLanguage, { languages: names }) : texts.notUnderstood;
    return { kind: 'unknown', text, suggestions: texts.starterQuestions.slice(0, MAX_SUGGESTIONS), trace: emptyTrace(message, 'unsupported-language') };
  }
}

/** The reply with the language it was given in, which the conversation then keeps. */
function stamp(reply: Reply, language: string): Reply {
  return reply.kind === 'answer' ? { ...reply, language, memory: { ...reply.memory, language } } : { ...reply, language };
}
