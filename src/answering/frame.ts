/**
 * The conversation frame: what the last answer was about, kept in the dialog state between turns,
 * and the resolution of references against it by type ("there" → a place, "he" → a person,
 * "that" → the thing the answer named, "those" → the last list).
 */
import type { Entity } from '../knowledge/schema';
import type { FactStore } from '../knowledge/store';
import { questionType, type QuestionType } from '../nlu/questionType';
import type { ConversationWords } from '../nlu/languages';
import type { ConversationMemory, Reply } from './types';

export interface ListFilter {
  /** The entity the list was filtered by (a country, a plant…). */
  readonly target: string;
  /** The word before it ("in", "at"). */
  readonly preposition: string;
}

/**
 * The frame beside the memory's last question and intent (whose type, see `askedType`, is worked
 * out only when a move needs it: most turns never do).
 */
export interface ConversationFrame {
  /** The last question's subjects, by entity type. */
  readonly subjects: Readonly<Record<string, readonly string[]>>;
  /** The entities the last answer named, in the order it named them. */
  readonly named: readonly string[];
  /** The person the last answer quoted. */
  readonly speaker?: string;
  /** The last list given (two or more things of one type), in order. */
  readonly list?: readonly string[];
  /** The last filter applied to that list. */
  readonly filter?: ListFilter;
  /** How the last answer was found (facts, search, topic…). */
  readonly route?: string;
}

/** Which entity types are places and which are people, as the knowledge shows them. */
export class TypeRoles {
  readonly places: ReadonlySet<string>;
  readonly people: ReadonlySet<string>;

  constructor(private readonly store: FactStore) {
    const typeOf = (id: string | undefined) => (id ? store.entity(id)?.type : undefined);
    const transitive = new Set(store.data.relations.filter((r) => r.transitive).map((r) => r.id));
    // A place is what a transitive relation (located in…) leads from or to.
    this.places = new Set(store.data.facts.filter((f) => transitive.has(f.relation)).flatMap((f) => [typeOf(f.subject), typeOf(f.object)]).filter((t): t is string => t !== undefined));
    this.people = new Set(store.data.facts.map((f) => typeOf(f.saidBy)).filter((t): t is string => t !== undefined));
  }

  /** The first entity of these ids whose type passes the test. */
  first(ids: readonly string[], test: (type: string) => boolean): Entity | undefined {
    return ids.map((id) => this.store.entity(id)).find((e): e is Entity => e !== undefined && test(e.type));
  }
}

/** The frame of an answer: built from what it says it was about and what it named. */
export function frameOf(store: FactStore, reply: Reply & { kind: 'answer' }): ConversationFrame {
  const memory = reply.memory;
  const subjects: Record<string, string[]> = {};
  for (const id of memory.subjects ?? []) {
    const type = store.entity(id)?.type;
    if (type) (subjects[type] ??= []).push(id);
  }
  const named = memory.named ?? [];
  const list = listIn(store, named);
  const speaker = (memory.facts ?? []).map((id) => store.fact(id)?.saidBy).find((id) => id !== undefined);
  return { subjects, named, route: reply.trace.route, ...(speaker ? { speaker } : {}), ...(list ? { list } : {}) };
}

/** The type of answer the last question asked for (a place, a date…). */
export function askedType(memory: ConversationMemory): QuestionType | undefined {
  return memory.question === undefined ? undefined : questionType(memory.question);
}

/** Two or more named things of the same type make a list: the first such type's, in order. */
function listIn(store: FactStore, named: readonly string[]): string[] | undefined {
  const byType = new Map<string, string[]>();
  for (const id of named) {
    const type = store.entity(id)?.type;
    if (type) byType.set(type, [...(byType.get(type) ?? []), id]);
  }
  return [...byType.values()].find((ids) => ids.length >= 2);
}

/** The entities to look in for a reference: the answer's, then its subjects, then the recent ones. */
function candidates(memory: ConversationMemory): string[] {
  const frame = memory.frame;
  return [...new Set([...(frame?.named ?? []), ...Object.values(frame?.subjects ?? {}).flat(), ...(memory.recent ?? [])])];
}

const MAX_REFERENCE_WORDS = 8;

/**
 * The message with its references replaced by the names they stand for, by type: "there" by the
 * last place, "he"/"his" by the last person, a short question's "that" by the thing the last
 * answer named. "It" is left to the answer, which picks the remembered thing of the type it needs.
 */
export function resolveReferences(text: string, memory: ConversationMemory, roles: TypeRoles, namesEntity: (text: string) => boolean, words: ConversationWords): string {
  if (!memory.frame && !memory.recent?.length) return text;
  if (words.provenanceCue.test(text)) return text;
  const ids = candidates(memory);
  let out = text;
  const place = words.placeReference.test(out) ? roles.first(ids, (t) => roles.places.has(t)) : undefined;
  if (place) out = out.replace(words.placeReference, words.atPlace(place.name));
  const person = words.personReference.test(out) ? roles.first(memory.frame?.speaker ? [memory.frame.speaker, ...ids] : ids, (t) => roles.people.has(t)) : undefined;
  if (person) out = out.replace(words.possessivePerson, words.possessive(person.name)).replace(words.personReference, person.name);
  const short = out.split(/\s+/).length <= MAX_REFERENCE_WORDS;
  if (short && words.thingReference.test(out) && !namesEntity(out)) {
    const thing = roles.first(memory.frame?.named ?? [], () => true);
    if (thing) out = out.replace(words.thingReference, thing.name);
  }
  return out;
}
