/**
 * Intents trusted only on their own words: a small-talk reply ("Bye!") only for a message that
 * shares a word with that small talk's examples, and "who said that?" only for a message that
 * asks where something comes from or who said it.
 */
import type { IntentDef } from '../../knowledge/schema';
import { words } from '../../nlu/text';
import type { Analysis } from '../../nlu/understanding';
import type { ConversationWords } from '../../nlu/languages';

export class IntentGuards {
  private readonly ownWords = new Map<string, ReadonlySet<string>>();

  constructor(
    intents: readonly IntentDef[],
    private readonly language: ConversationWords,
  ) {
    for (const intent of intents) {
      if (intent.kind === 'smalltalk') this.ownWords.set(intent.id, new Set(intent.examples.flatMap((e) => words(e)).filter((w) => !language.stopWords.has(w))));
    }
  }

  /** Whether the classifier's intent can be taken for this message (its words spell-corrected). */
  trusts(intent: IntentDef, analysis: Pick<Analysis, 'text' | 'tokens'>): boolean {
    if (intent.kind === 'provenance') return this.language.provenanceCue.test(analysis.text);
    const own = this.ownWords.get(intent.id);
    return !own || analysis.tokens.some((t) => own.has(t.norm));
  }
}
