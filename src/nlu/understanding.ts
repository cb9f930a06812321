/**
 * The understanding pipeline, in named linear stages:
 * tokenise → correct spelling → recognise entities → features → classify → apply the threshold.
 * Trained by training.ts; the same code serves the bot and the NLU benchmark.
 */
import { IntentClassifier, type ClassifierModel, type Prediction } from './classifier';
import { EntityRecognizer, inMatch, type EntityMatch, type NamedThing } from './entities';
import { features } from './features';
import { looksForeign } from './language';
import { english, type LanguageModule } from './languages';
import { DEFAULT_SPELLING, SpellingCorrector, type SpellingOptions } from './spelling';
import { withSynonyms } from './synonyms';
import { tokenize, type Token } from './text';

/** The label of "not something I can answer". */
export const NONE = 'None';

/** Labels an analysis ranks: the best guess and the runners-up a reply may offer instead. */
const RANKING_SIZE = 5;

export interface LabelledText {
  readonly text: string;
  readonly label: string;
  readonly weight?: number;
}

export interface UnderstandingModel {
  readonly classifier: ClassifierModel;
  /** Words the training texts and entity names use, with counts: the spelling corrector's dictionary. */
  readonly vocabulary: readonly (readonly [string, number])[];
  /** Below this confidence the best guess is not trusted and the result is None. */
  readonly threshold: number;
  /** Word stems the training texts never used → training stems that share a sense with them. */
  readonly synonyms?: readonly (readonly [string, readonly string[]])[];
  /** The words of the training texts that tell their language (names left out): the language detector's. */
  readonly evidence: readonly string[];
}

export interface Correction {
  readonly from: string;
  readonly to: string;
}

export interface Analysis {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly corrections: readonly Correction[];
  readonly entities: readonly EntityMatch[];
  readonly features: readonly string[];
  /** The best labels (up to RANKING_SIZE), best first, with calibrated scores. */
  readonly ranking: readonly Prediction[];
  /** The accepted label: the best guess, or None when it is below the threshold. */
  readonly intent: string;
  readonly score: number;
  /** Share of the words that are neither the knowledge base's nor the language's (another language, gibberish); 0 for a language read without a dictionary. */
  readonly unknownShare: number;
  /** The message seems written in another language. */
  readonly foreign: boolean;
  /** Word stems of the message the knowledge never uses, not even through a synonym: what it cannot be about. */
  readonly unheard: readonly string[];
  /** Capitalised words inside the message that the knowledge never uses: names of things it does not know ("Ferrari"). */
  readonly unknownNames: readonly string[];
  /** The language it was read in (its code). */
  readonly language: string;
}

/** Words these texts use, with counts: the spelling corrector's dictionary. */
export function vocabularyOf(texts: Iterable<string>, language: LanguageModule = english): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const token of tokenize(text, language)) counts.set(token.norm, (counts.get(token.norm) ?? 0) + 1);
  }
  return counts;
}

/** Tokens with their spelling corrected (surface forms follow the correction), and what changed. */
export function correctSpelling(tokens: readonly Token[], speller: SpellingCorrector): { tokens: Token[]; corrections: Correction[] } {
  const corrections: Correction[] = [];
  const corrected = tokens.map((token) => {
    const to = speller.correct(token.norm);
    if (to === token.norm) return token;
    corrections.push({ from: token.norm, to });
    return { surface: to, norm: to };
  });
  return { tokens: corrected, corrections };
}

/** Spelling options for a language: its own word list is never corrected. */
export function spellingFor(language: LanguageModule): SpellingOptions {
  return language === english ? DEFAULT_SPELLING : { ...DEFAULT_SPELLING, isWord: language.isWord };
}

export class Understanding {
  private readonly classifier: IntentClassifier;
  private readonly speller: SpellingCorrector;
  private readonly recognizer: EntityRecognizer;
  private readonly synonyms: ReadonlyMap<string, readonly string[]>;

  constructor(
    readonly model: UnderstandingModel,
    entities: readonly NamedThing[],
    readonly language: LanguageModule = english,
  ) {
    this.classifier = IntentClassifier.load(model.classifier);
    this.speller = new SpellingCorrector(new Map(model.vocabulary), spellingFor(language));
    this.recognizer = new EntityRecognizer(entities, language);
    this.synonyms = new Map(model.synonyms ?? []);
  }

  get threshold(): number {
    return this.model.threshold;
  }

  get labels(): readonly string[] {
    return this.classifier.labels;
  }

  /** Tokens with their spelling corrected against the knowledge base's words. */
  correct(tokens: readonly Token[]): { tokens: Token[]; corrections: Correction[] } {
    return correctSpelling(tokens, this.speller);
  }

  recognize(tokens: readonly Token[]): EntityMatch[] {
    return this.recognizer.recognize(tokens);
  }

  analyse(text: string): Analysis {
    const written = tokenize(text, this.language);
    const { tokens, corrections } = this.correct(written);
    const entities = this.recognizer.recognize(tokens);
    const featureList = withSynonyms(features(tokens, entities, this.language), this.synonyms);
    const ranking = this.classifier.predict(featureList, RANKING_SIZE);
    const best = ranking[0] ?? { label: NONE, score: 0 };
    // Nothing the classifier has seen: its guess would be the label prior alone.
    const evidence = featureList.some((f) => this.classifier.knows(f));
    const foreign = looksForeign(written.map((t) => t.norm), this.language.code);
    // The classifier learnt from one language: in another language, shared letter trigrams and names would pass for evidence.
    const intent = evidence && !foreign && best.score >= this.model.threshold ? best.label : NONE;
    const wordTokens = tokens.filter((t) => /^\p{L}+$/u.test(t.norm));
    const unknown = wordTokens.filter((t) => !this.speller.isKnown(t.norm)).length;
    // Without a dictionary of the language, a word the knowledge base lacks says nothing about the message.
    const unknownShare = wordTokens.length && this.language.dictionary ? unknown / wordTokens.length : 0;
    const unheard = [...new Set(wordTokens.filter((t) => !this.language.stopWords.has(t.norm)).map((t) => this.language.stem(t.norm)))].filter((s) => s.length > 2 && !this.classifier.knows(s) && !this.synonyms.has(s));
    const unknownNames = written
      .filter((t, at) => at > 0 && /^\p{Lu}/u.test(t.surface) && !inMatch(entities, at) && tokens[at]!.norm === t.norm && !this.speller.isKnown(t.norm))
      .map((t) => t.surface);
    return { text, tokens, corrections, entities, features: featureList, ranking, intent, score: best.score, unknownShare, foreign, unheard, unknownNames, language: this.language.code };
  }
}
