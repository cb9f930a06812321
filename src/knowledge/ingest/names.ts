/**
 * Names found in documents: capitalised spans that are not ordinary words, typed by the company
 * they keep (a role → a person, a place column or "in …" → a place, "… Library" → an
 * organisation). Names the curated entities already have are left to them.
 */
import { isEnglishWord } from '../../nlu/dictionary';
import { EntityRecognizer } from '../../nlu/entities';
import { tokenize } from '../../nlu/text';
import type { Entity, Sentence } from '../schema';
import { slug } from '../sources';
import { CALENDAR_WORDS, LEADING_WORDS, NAME, ORGANISATION_HEADS, PLACE_COLUMNS, PLACE_PREPOSITIONS, ROLE_PATTERNS } from './english';

export type NameType = 'person' | 'place' | 'organisation' | 'thing';

interface Candidate {
  name: string;
  count: number;
  /** Seen only as a lone word opening a sentence ("Puoi…"), where any word is capitalised. */
  onlyOpening: boolean;
  votes: Record<NameType, number>;
}

const NAME_SPAN = new RegExp(NAME, 'gu');
const SPEECH = /\b(?:said|says|told|according to|explained|added|announced)\s*$/i;

/** A name as written, without the sentence-opening words that precede it ("The", "Today"). */
export function trimName(span: string, leading: ReadonlySet<string> = LEADING_WORDS): string {
  const parts = span.split(/\s+/);
  while (parts.length > 1 && leading.has(parts[0]!.toLowerCase())) parts.shift();
  if (parts.length === 1 && leading.has(parts[0]!.toLowerCase())) return '';
  return parts.join(' ').replace(/[’']s$/, '');
}

function isName(name: string, atStart: boolean): boolean {
  const tokens = tokenize(name);
  if (tokens.length === 0 || tokens.every((t) => CALENDAR_WORDS.has(t.norm.replace(/s$/, '')))) return false;
  if (tokens.length === 1) {
    const word = tokens[0]!.norm;
    if (word.length < 3 || /^\d/.test(word)) return false;
    // A lone capitalised word is a name only if it is no ordinary word ("Acme", not "Today").
    return !isEnglishWord(word) || (!atStart && /^[\p{Lu}]{2,}$/u.test(name));
  }
  return true;
}

/** How the documents' language is read for names. */
export interface NameReading {
  /** Words that open a sentence before a name ("The", "La"). */
  readonly leading: ReadonlySet<string>;
  /** No dictionary tells the language's ordinary words: a lone word opening a sentence is a name only if seen elsewhere too. */
  readonly openingsNeedSighting: boolean;
}

const ENGLISH_NAMES: NameReading = { leading: LEADING_WORDS, openingsNeedSighting: false };

export class NameFinder {
  private readonly candidates = new Map<string, Candidate>();
  private readonly curated: EntityRecognizer;

  constructor(
    curatedEntities: readonly Entity[],
    private readonly reading: NameReading = ENGLISH_NAMES,
  ) {
    this.curated = new EntityRecognizer(curatedEntities);
  }

  /** Whether a span names (or contains the name of) a curated entity: then it is the curated one's. */
  private isCurated(name: string): boolean {
    return this.curated.recognize(tokenize(name)).length > 0;
  }

  private vote(name: string, type: NameType | undefined, weight = 1, opening = false): void {
    const key = slug(name);
    if (!key) return;
    const entry = this.candidates.get(key) ?? { name, count: 0, onlyOpening: true, votes: { person: 0, place: 0, organisation: 0, thing: 0 } };
    entry.count += 1;
    entry.onlyOpening &&= opening;
    if (type) entry.votes[type] += weight;
    this.candidates.set(key, entry);
  }

  read(sentence: Sentence): void {
    if (sentence.cells) {
      sentence.cells.forEach((cell, i) => {
        const column = sentence.columns?.[i] ?? '';
        const name = trimName(cell.split(',')[0]!.trim(), this.reading.leading);
        if (name && !this.isCurated(name) && isName(name, false)) this.vote(name, PLACE_COLUMNS.test(column) ? 'place' : undefined, 3);
      });
      return;
    }
    const text = sentence.text;
    for (const pattern of ROLE_PATTERNS) {
      for (const match of text.matchAll(pattern.regex)) {
        const person = trimName(match[pattern.person]!, this.reading.leading);
        const organisation = trimName(match[pattern.organisation]!, this.reading.leading);
        if (person && !this.isCurated(person)) this.vote(person, 'person', 3);
        if (organisation && !this.isCurated(organisation) && isName(organisation, false)) this.vote(organisation, 'organisation', 2);
      }
    }
    for (const match of text.matchAll(NAME_SPAN)) {
      const atStart = match.index === 0 || /[.!?:]\s*$/.test(text.slice(0, match.index));
      const name = trimName(match[0], this.reading.leading);
      const opening = atStart && name === match[0];
      if (!name || this.isCurated(name) || !isName(name, opening)) continue;
      const before = text.slice(Math.max(0, match.index! - 30), match.index);
      const after = text.slice(match.index! + match[0].length, match.index! + match[0].length + 20);
      let type: NameType | undefined;
      if (ORGANISATION_HEADS.test(name)) type = 'organisation';
      else if (SPEECH.test(before) || /^\s*(?:said|says|told)\b/.test(after)) type = 'person';
      else if (PLACE_PREPOSITIONS.test(before)) type = 'place';
      this.vote(name, type, 1, opening && !name.includes(' '));
    }
  }

  /** The names found, as entities, each typed by its strongest evidence. */
  entities(): Entity[] {
    const entities: Entity[] = [];
    const surnames = new Set([...this.candidates.values()].filter((c) => c.votes.person > 0 && c.name.includes(' ')).map((c) => slug(c.name.split(/\s+/).at(-1)!)));
    for (const [key, candidate] of this.candidates) {
      if (!candidate.name.includes(' ') && surnames.has(key)) continue; // "Alvarez" is David Alvarez, by his surname alias
      if (this.reading.openingsNeedSighting && candidate.onlyOpening) continue;
      const ranked = (Object.entries(candidate.votes) as [NameType, number][]).sort((a, b) => b[1] - a[1]);
      const type = ranked[0]![1] > 0 ? ranked[0]![0] : 'thing';
      entities.push({ id: `doc-${key}`, type, name: candidate.name, aliases: aliasesOf(candidate.name, type), extracted: true });
    }
    return entities;
  }
}

/** Shorter ways people write a name: a person's surname, an organisation without its "Group". */
function aliasesOf(name: string, type: NameType): string[] {
  const words = name.split(/\s+/);
  const aliases: string[] = [];
  const last = words.at(-1)!;
  if (type === 'person' && words.length > 1 && !isEnglishWord(last.toLowerCase()) && last.length > 2) aliases.push(last);
  if (type === 'organisation' && ORGANISATION_HEADS.test(name)) {
    if (words.length > 2) aliases.push(`${words[0]} ${last}`);
    else if (words.length === 2 && !isEnglishWord(words[0]!.toLowerCase())) aliases.push(words[0]!);
  }
  return aliases;
}
