/**
 * Entity recognition from the knowledge base's names and aliases. Aliases and messages are
 * compared word by word on their stems, so case, accents, curly or straight apostrophes, plurals
 * and possessives all meet; typos are fixed beforehand by the spelling corrector.
 */
import { english, type LanguageModule } from './languages';
import { tokenize, type Token } from './text';

export interface NamedThing {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly aliases?: readonly string[] | undefined;
}

export interface EntityRef {
  readonly id: string;
  readonly type: string;
}

/** A span of the message naming one or more entities (a name can be shared, e.g. a town and its plant). */
export interface EntityMatch {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly entities: readonly EntityRef[];
}

/** A thing's name and its aliases: every way it is written. */
export function namesOf(thing: Pick<NamedThing, 'name' | 'aliases'>): string[] {
  return [thing.name, ...(thing.aliases ?? [])];
}

/** Whether the token at this position is part of a name the message mentions. */
export function inMatch(matches: readonly EntityMatch[], at: number): boolean {
  return matches.some((m) => at >= m.start && at < m.end);
}

interface Pattern {
  readonly stems: readonly string[];
  /** Short all-capital aliases that are also English words ("US") must be written in capitals. */
  readonly surface?: string;
  readonly entity: EntityRef;
}

export class EntityRecognizer {
  private readonly byFirstStem = new Map<string, Pattern[]>();

  constructor(
    things: readonly NamedThing[],
    private readonly language: LanguageModule = english,
  ) {
    for (const thing of things) {
      const entity = { id: thing.id, type: thing.type };
      const seen = new Set<string>();
      for (const alias of namesOf(thing)) {
        const tokens = tokenize(alias, language);
        if (tokens.length === 0) continue;
        const stems = tokens.map((token) => language.stem(token.norm));
        const key = stems.join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        const caseSensitive = tokens.length === 1 && alias.length <= 3 && /^[A-Z.]+$/.test(alias) && language.isWord(tokens[0]!.norm);
        const pattern: Pattern = caseSensitive ? { stems, surface: tokens[0]!.surface, entity } : { stems, entity };
        const bucket = this.byFirstStem.get(stems[0]!);
        if (bucket) bucket.push(pattern);
        else this.byFirstStem.set(stems[0]!, [pattern]);
      }
    }
    for (const bucket of this.byFirstStem.values()) bucket.sort((a, b) => b.stems.length - a.stems.length);
  }

  /** Longest non-overlapping matches, left to right. */
  recognize(tokens: readonly Token[]): EntityMatch[] {
    const stems = tokens.map((token) => this.language.stem(token.norm));
    const matches: EntityMatch[] = [];
    let i = 0;
    while (i < tokens.length) {
      const found = this.longestAt(tokens, stems, i);
      if (found.length === 0) {
        i++;
        continue;
      }
      const end = i + found[0]!.stems.length;
      const entities = uniqueEntities(found.filter((pattern) => pattern.stems.length === found[0]!.stems.length));
      matches.push({ start: i, end, text: tokens.slice(i, end).map((t) => t.surface).join(' '), entities });
      i = end;
    }
    return matches;
  }

  private longestAt(tokens: readonly Token[], stems: readonly string[], at: number): Pattern[] {
    const matching: Pattern[] = [];
    for (const pattern of this.byFirstStem.get(stems[at]!) ?? []) {
      if (matching.length > 0 && pattern.stems.length < matching[0]!.stems.length) break;
      if (at + pattern.stems.length > stems.length) continue;
      if (pattern.surface !== undefined && tokens[at]!.surface !== pattern.surface) continue;
      if (pattern.stems.every((s, k) => stems[at + k] === s)) matching.push(pattern);
    }
    return matching;
  }
}

function uniqueEntities(patterns: readonly Pattern[]): EntityRef[] {
  const byId = new Map<string, EntityRef>();
  for (const pattern of patterns) byId.set(pattern.entity.id, pattern.entity);
  return [...byId.values()];
}
