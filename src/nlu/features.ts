/**
 * Classifier features: word stems, with entity mentions replaced by their type ("@model") so that
 * one example about one model teaches the classifier about all of them, plus stem bigrams for word
 * order ("made where" vs "where made") and the question's first word, which carries its kind.
 */
import type { EntityMatch } from './entities';
import { stem } from './stem';
import type { Token } from './text';

/** Words too common to carry meaning on their own; they still take part in bigrams. */
const FILLER = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'in', 'on', 'at', 'for', 'by', 'with', 'is', 'are', 'be', 'do', 'doe', 'does', 'did']);

export function featureUnits(tokens: readonly Token[], matches: readonly EntityMatch[]): string[] {
  const units: string[] = [];
  let m = 0;
  for (let i = 0; i < tokens.length; ) {
    const match = matches[m];
    if (match && match.start === i) {
      units.push('@' + [...new Set(match.entities.map((e) => e.type))].sort().join('|'));
      i = match.end;
      m++;
    } else {
      units.push(stem(tokens[i]!.norm));
      i++;
    }
  }
  return units;
}

export function features(tokens: readonly Token[], matches: readonly EntityMatch[]): string[] {
  const units = featureUnits(tokens, matches);
  const out = new Set<string>();
  for (const unit of units) if (!FILLER.has(unit)) out.add(unit);
  for (let i = 0; i + 1 < units.length; i++) out.add(units[i] + '_' + units[i + 1]);
  if (units.length > 0) out.add('^' + units[0]);
  return [...out];
}
