/**
 * Classifier features: word stems, with entity mentions replaced by their type ("@model") so that
 * one example about one model teaches the classifier about all of them; bigrams around entity
 * mentions for word order ("@model made" vs "made in @place"); the question's first word, which
 * carries its kind; and character trigrams of the stems, so that inflections, compounds and typos
 * the training texts never used still share evidence with the words they did use.
 */
import type { EntityMatch } from './entities';
import { english, type LanguageModule } from './languages';
import type { Token } from './text';

/** What features need of a language: its stems, and the words too common to carry meaning on their own. */
export type FeatureLanguage = Pick<LanguageModule, 'stem' | 'filler'>;

/** Prefix of character-trigram features; cannot start a stem (stems are letters and digits). */
export const TRIGRAM = '#';

export function featureUnits(tokens: readonly Token[], matches: readonly EntityMatch[], language: FeatureLanguage = english): string[] {
  const units: string[] = [];
  let m = 0;
  for (let i = 0; i < tokens.length; ) {
    const match = matches[m];
    if (match && match.start === i) {
      units.push('@' + [...new Set(match.entities.map((e) => e.type))].sort().join('|'));
      i = match.end;
      m++;
    } else {
      units.push(language.stem(tokens[i]!.norm));
      i++;
    }
  }
  return units;
}

/** Trigrams of a unit with word boundaries marked: "print" → "<pr", "pri", "rin", "int", "nt>". */
export function trigrams(unit: string): string[] {
  const marked = `<${unit}>`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= marked.length; i++) out.push(TRIGRAM + marked.slice(i, i + 3));
  return out;
}

const isEntity = (unit: string) => unit.startsWith('@');

/** Whether a feature is a word's stem (not an entity, bigram, first word or trigram). */
export const isWord = (feature: string) => /^[\p{L}\p{N}]+$/u.test(feature);

export function features(tokens: readonly Token[], matches: readonly EntityMatch[], language: FeatureLanguage = english): string[] {
  const units = featureUnits(tokens, matches, language);
  const out = new Set<string>();
  // Filler words are compared stemmed, as the units are ("does" → "doe").
  for (const unit of units) if (!language.filler.has(unit)) out.add(unit);
  // Bigrams only next to an entity: elsewhere they split the little evidence a few examples give.
  for (let i = 0; i + 1 < units.length; i++) {
    if (isEntity(units[i]!) || isEntity(units[i + 1]!)) out.add(units[i] + '_' + units[i + 1]);
  }
  if (units.length > 0) out.add('^' + units[0]);
  for (const unit of units) if (!isEntity(unit)) for (const t of trigrams(unit)) out.add(t);
  return [...out];
}
