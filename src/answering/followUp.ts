/**
 * Follow-ups that are fragments of a question ("And the other one?", "What about the second plant?", "Where?")
 * are expanded into a whole question by reusing the last one: the new entity takes the place of
 * the old one of the same type, or the new question word takes the place of the old.
 */
import { inMatch, type EntityMatch } from '../nlu/entities';
import { languageModule } from '../nlu/languages';
import type { Token } from '../nlu/text';

export interface Parsed {
  readonly tokens: readonly Token[];
  readonly entities: readonly EntityMatch[];
  /** The language it was read in (English by default). */
  readonly language?: string;
}

function contentTokens(parsed: Parsed): Token[] {
  const filler = languageModule(parsed.language).fragmentFiller;
  return parsed.tokens.filter((token, i) => !inMatch(parsed.entities, i) && !filler.has(token.norm));
}

/** A message that names entities and asks nothing else, e.g. "And the other one?". */
export function isEntityFragment(parsed: Parsed): boolean {
  return parsed.entities.length > 0 && contentTokens(parsed).length === 0;
}

/** A message that is only a question word, e.g. "Where?". */
export function questionWordFragment(parsed: Parsed): string | undefined {
  const content = contentTokens(parsed);
  const base = content.length === 1 ? content[0]!.norm : undefined;
  const language = languageModule(parsed.language);
  const word = base === undefined ? undefined : language.conversation?.questionWordForms[base] ?? base;
  const known = word !== undefined && language.questionWords.has(word);
  return parsed.entities.length === 0 && known ? word : undefined;
}

function sharesType(a: EntityMatch, b: EntityMatch): boolean {
  return a.entities.some((x) => b.entities.some((y) => x.type === y.type));
}

/**
 * The last question rewritten for this fragment, or undefined when the fragment does not fit it
 * (then the fragment is taken as a new topic).
 */
export function expandFragment(fragment: Parsed, previous: Parsed): string | undefined {
  const word = questionWordFragment(fragment);
  if (word !== undefined) {
    const first = previous.tokens[0];
    if (!first || !languageModule(previous.language).questionWords.has(first.norm)) return undefined;
    return [word, ...previous.tokens.slice(1).map((t) => t.surface)].join(' ');
  }
  if (!isEntityFragment(fragment)) return undefined;
  const replacements = new Map<number, EntityMatch>();
  for (const match of fragment.entities) {
    const old = previous.entities.find((p) => sharesType(p, match) && !replacements.has(p.start));
    if (!old) return undefined;
    replacements.set(old.start, match);
  }
  const out: string[] = [];
  for (let i = 0; i < previous.tokens.length; ) {
    const old = previous.entities.find((p) => p.start === i);
    const replacement = old ? replacements.get(old.start) : undefined;
    if (old && replacement) {
      out.push(replacement.text);
      i = old.end;
    } else {
      out.push(previous.tokens[i]!.surface);
      i++;
    }
  }
  return out.join(' ');
}
