/**
 * Facts read from documents where the text states them in common patterns ("X, the chief
 * executive of Y", "founded in 1921", "until 2027", "where it builds X", table rows), each with
 * the sentence as its verbatim quote. Sentences a curated fact already quotes are left to it.
 */
import { EntityRecognizer } from '../../nlu/entities';
import { tokenize } from '../../nlu/text';
import type { Entity, Fact, Sentence } from '../schema';
import { slug } from '../sources';
import { BUILT_AT, eventRelation, EVENT_YEAR, OWNED_BY, ROLE_PATTERNS, UNTIL_YEAR, WHERE_IT_BUILDS } from './english';
import { trimName } from './names';

/** How a fact was worded: decides the question it answers and how its relation is named. */
export type FactPattern = 'role' | 'event' | 'until' | 'builtAt' | 'ownedBy' | 'column';

/** A fact as read, before its relation is matched to a curated one. */
export interface ReadFact {
  readonly pattern: FactPattern;
  /** The wording of the relation: "chief executive", "founded", "location". */
  readonly phrase: string;
  readonly subject: string;
  readonly object?: string;
  readonly value?: string;
  readonly sentence: Sentence;
}

export class FactReader {
  private readonly recognizer: EntityRecognizer;
  private readonly entities: Map<string, Entity>;

  constructor(entities: readonly Entity[]) {
    this.recognizer = new EntityRecognizer(entities);
    this.entities = new Map(entities.map((e) => [e.id, e]));
  }

  /** The entity a written name refers to (its longest recognised span), if any. */
  resolve(name: string): Entity | undefined {
    const matches = this.recognizer.recognize(tokenize(trimName(name)));
    const best = matches.sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    return best ? this.entities.get(best.entities[0]!.id) : undefined;
  }

  /** Entities named in a text, in order. */
  private named(text: string): Entity[] {
    return this.recognizer.recognize(tokenize(text)).map((m) => this.entities.get(m.entities[0]!.id)!).filter(Boolean);
  }

  /** The facts a sentence states; `main` is what its document is about, for sentences that name nothing. */
  read(sentence: Sentence, main: Entity | undefined): ReadFact[] {
    if (sentence.cells) return this.readRow(sentence);
    const text = sentence.text;
    const facts: ReadFact[] = [];
    const add = (fact: Omit<ReadFact, 'sentence'>) => {
      if (fact.subject !== fact.object) facts.push({ ...fact, sentence });
    };
    for (const pattern of ROLE_PATTERNS) {
      for (const match of text.matchAll(pattern.regex)) {
        const person = this.resolve(match[pattern.person]!);
        const organisation = this.resolve(match[pattern.organisation]!);
        const role = match[pattern.role]!.toLowerCase().replace(/\s+/g, ' ');
        if (person?.type === 'person' && organisation) add({ pattern: 'role', phrase: role, subject: organisation.id, object: person.id });
      }
    }
    for (const match of text.matchAll(EVENT_YEAR)) {
      const subject = this.named(text.slice(0, match.index)).at(-1) ?? main;
      if (subject) add({ pattern: 'event', phrase: eventRelation(match[1]!), subject: subject.id, value: match[2]! });
    }
    for (const match of text.matchAll(UNTIL_YEAR)) {
      // What lasts until then is the sentence's grammatical subject when it opens with a name, else the document's topic.
      const opening = this.recognizer.recognize(tokenize(text)).find((m) => m.start <= 2);
      const named = opening ? this.entities.get(opening.entities[0]!.id) : undefined;
      const subject = named && named.type !== 'person' ? named : main;
      if (subject) add({ pattern: 'until', phrase: 'until', subject: subject.id, value: match[1]! });
    }
    for (const match of text.matchAll(WHERE_IT_BUILDS)) {
      const place = this.resolve(match[1]!);
      const thing = this.resolve(match[2]!);
      if (place && thing) add({ pattern: 'builtAt', phrase: 'built', subject: thing.id, object: place.id });
    }
    for (const match of text.matchAll(BUILT_AT)) {
      const thing = this.resolve(match[1]!);
      const place = this.resolve(match[2]!);
      if (place && thing) add({ pattern: 'builtAt', phrase: 'built', subject: thing.id, object: place.id });
    }
    for (const match of text.matchAll(OWNED_BY)) {
      const thing = this.resolve(match[1]!);
      const owner = this.resolve(match[2]!);
      if (thing && owner) add({ pattern: 'ownedBy', phrase: 'owned', subject: thing.id, object: owner.id });
    }
    return facts;
  }

  /** A table row: its first cell is the subject, each other cell a value under its column's name. */
  private readRow(sentence: Sentence): ReadFact[] {
    const [first, ...rest] = sentence.cells!;
    const subject = first ? this.resolve(first) : undefined;
    if (!subject || !sentence.columns) return [];
    return rest.flatMap((cell, i) => {
      const column = sentence.columns![i + 1];
      if (!column) return [];
      const object = this.resolve(cell);
      const fact = object && object.id !== subject.id ? { object: object.id } : { value: cell };
      return [{ pattern: 'column' as const, phrase: column.toLowerCase(), subject: subject.id, ...fact, sentence }];
    });
  }
}

/** The id of a relation read from documents, from its pattern and wording. */
export function documentRelation(fact: ReadFact): string {
  return `doc.${fact.pattern}.${slug(fact.phrase)}`;
}

/** A read fact as a fact of the store. */
export function toFact(fact: ReadFact, relation: string, index: number): Fact {
  return {
    id: `doc.${fact.sentence.id.replace('#', '.')}.${index}`,
    subject: fact.subject,
    relation,
    ...(fact.object !== undefined ? { object: fact.object } : { value: fact.value! }),
    source: fact.sentence.source,
    quote: fact.sentence.text,
    extracted: true,
  };
}
