/**
 * Ingestion: what the build reads from the documents themselves, with no curation. Names become
 * entities, wordings in common patterns become facts, and relations the curated knowledge does not
 * have get questions of their own. A fact whose relation the curated knowledge already asks about
 * (same subject, a relation whose questions use the same words) joins that relation, so the
 * newer source wins there as it does between curated facts.
 */
import { contentStems } from '../search';
import { answerParts, factsBySource, quotes, type Entity, type Fact, type IntentDef, type RelationDef, type Sentence } from '../schema';
import type { KnowledgeFiles } from '../read';
import { languageModule } from '../../nlu/languages';
import { LEADING_ROLE, LEADING_WORDS, RELATION_TEXTS } from './english';
import { documentRelation, FactReader, toFact, type ReadFact } from './facts';
import { NameFinder, type NameReading } from './names';

export interface Ingested {
  readonly entities: readonly Entity[];
  readonly facts: readonly Fact[];
  readonly relations: readonly RelationDef[];
  readonly intents: readonly IntentDef[];
}

/** Sentences a curated fact quotes: curation speaks for them. */
function curatedSentences(files: KnowledgeFiles): Set<string> {
  const quoted = new Set<string>();
  const bySource = factsBySource(files.facts);
  for (const source of files.sources) {
    const facts = bySource.get(source.meta.id) ?? [];
    for (const sentence of source.sentences) {
      if (facts.some((f) => quotes(f, sentence))) quoted.add(sentence.id);
    }
  }
  return quoted;
}

/** The entity a document is most about: the one its title names, else the one it names most. */
function mainEntity(reader: FactReader, title: string, sentences: readonly Sentence[]): Entity | undefined {
  const titled = reader.resolve(title);
  if (titled && titled.type !== 'person') return titled;
  const counts = new Map<string, { entity: Entity; n: number }>();
  for (const sentence of sentences) {
    for (const word of sentence.text.split(/[,.;:]/)) {
      const entity = reader.resolve(word);
      if (entity && entity.type !== 'person') counts.set(entity.id, { entity, n: (counts.get(entity.id)?.n ?? 0) + 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.entity;
}

/** Curated relations and the word stems of the questions that ask about them. */
function curatedQuestionStems(files: KnowledgeFiles): Map<string, Set<string>> {
  const stems = new Map<string, Set<string>>();
  for (const intent of files.intents) {
    for (const part of answerParts(intent)) {
      const set = stems.get(part.relation) ?? new Set<string>();
      for (const example of intent.examples) for (const s of contentStems(example)) set.add(s);
      stems.set(part.relation, set);
    }
  }
  return stems;
}

/**
 * The curated relation a read fact belongs to: one whose questions use its words, and that already
 * has a fact about the same subject of the same shape (an entity or a value).
 */
function alignedRelation(fact: ReadFact, shapes: ReadonlySet<string>, questionStems: Map<string, Set<string>>): string | undefined {
  const words = contentStems(fact.phrase);
  if (words.length === 0) return undefined;
  for (const [relation, stems] of questionStems) {
    if (words.every((w) => stems.has(w)) && shapes.has(shapeKey(relation, fact.subject, fact.object === undefined))) return relation;
  }
  return undefined;
}

/** A curated fact's relation, subject and whether its object is a value: what a read fact must match to join it. */
function shapeKey(relation: string, subject: string, literal: boolean): string {
  return `${relation}\u0000${subject}\u0000${literal}`;
}

/** The type curated facts of a relation give their objects (a person for a CEO). */
function objectType(relation: string, files: KnowledgeFiles): string | undefined {
  const fact = files.facts.find((f) => f.relation === relation && f.object !== undefined);
  return fact ? files.entities.find((e) => e.id === fact.object)?.type : undefined;
}

/** Questions and an answer for a relation only documents have (roles and dated events). */
function intentFor(relation: string, facts: readonly ReadFact[], entities: ReadonlyMap<string, Entity>): IntentDef | undefined {
  const first = facts[0]!;
  const texts = first.pattern === 'role' ? RELATION_TEXTS.role : first.pattern === 'event' ? RELATION_TEXTS.event : undefined;
  if (!texts) return undefined;
  const subjects = [...new Set(facts.map((f) => f.subject))].map((id) => entities.get(id)!).filter(Boolean);
  const fillIn = (text: string, subject: string) => text.replace('{role}', first.phrase).replace('{verb}', first.phrase).replace('{subject}', subject);
  const patterns = [...texts.examples, ...(first.pattern === 'role' && LEADING_ROLE.test(first.phrase) ? RELATION_TEXTS.role.leading : [])];
  const examples = [...new Set(subjects.slice(0, 3).flatMap((s) => patterns.map((e) => fillIn(e, s.name))))];
  return {
    kind: 'facts',
    fromDocuments: true,
    id: relation,
    label: fillIn(texts.label, subjects[0]?.name ?? ''),
    examples,
    answer: [{ about: [...new Set(subjects.map((s) => s.type))], relation, template: fillIn(texts.template, '{subject}') }],
  };
}

/** English names by its dictionary; another language's by its little words, and by a name's being seen inside a sentence. */
function nameReading(language: string | undefined): NameReading | undefined {
  const module = languageModule(language);
  if (module.dictionary) return undefined;
  return { leading: new Set([...LEADING_WORDS, ...module.stopWords]), openingsNeedSighting: true };
}

export function ingest(files: KnowledgeFiles): Ingested {
  const curated = curatedSentences(files);
  const finder = new NameFinder(files.entities, nameReading(files.languages[0]));
  const open = files.sources.map((s) => ({ source: s, sentences: s.sentences.filter((x) => !curated.has(x.id)) }));
  for (const { sentences } of open) for (const sentence of sentences) finder.read(sentence);
  const found = finder.entities();
  const reader = new FactReader([...files.entities, ...found]);
  const read = open.flatMap(({ source, sentences }) => {
    const main = mainEntity(reader, source.meta.title, source.sentences);
    return sentences.flatMap((sentence) => reader.read(sentence, main));
  });

  const questionStems = curatedQuestionStems(files);
  const shapes = new Set(files.facts.map((f) => shapeKey(f.relation, f.subject, f.object === undefined)));
  const retyped = new Map<string, string>();
  const byRelation = new Map<string, ReadFact[]>();
  const facts = read.map((fact, i) => {
    const aligned = alignedRelation(fact, shapes, questionStems);
    const relation = aligned ?? documentRelation(fact);
    if (aligned && fact.object?.startsWith('doc-')) {
      const type = objectType(aligned, files);
      if (type) retyped.set(fact.object, type);
    }
    if (!aligned) byRelation.set(relation, [...(byRelation.get(relation) ?? []), fact]);
    return toFact(fact, relation, i);
  });
  const entities = found.map((e) => (retyped.has(e.id) ? { ...e, type: retyped.get(e.id)! } : e));
  const entityMap = new Map([...files.entities, ...entities].map((e) => [e.id, e]));
  const relations = [...byRelation.entries()].map(([id, list]) => ({
    id,
    // One holder of a role, one owner, at a time: the newest source wins.
    single: list[0]!.pattern === 'role' || list[0]!.pattern === 'ownedBy',
    transitive: false,
  }));
  const intents = [...byRelation.entries()].flatMap(([id, list]) => intentFor(id, list, entityMap) ?? []);
  return { entities, facts, relations, intents };
}
