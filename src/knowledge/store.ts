/**
 * The fact store: the built knowledge, kept in a lowdb JSON file, with the lookups answers need.
 * Read-only at run time; the build is the only writer.
 */
import type { Entity, Fact, FaqItem, IntentDef, KnowledgeData, RelationDef, Sentence, SourceMeta } from './schema';

export interface FactStore {
  readonly data: KnowledgeData;
  entity(id: string): Entity | undefined;
  entitiesOfType(type: string): readonly Entity[];
  /** Facts with this subject and relation. */
  factsFrom(subject: string, relation: string): readonly Fact[];
  /** Facts with this object and relation. */
  factsTo(object: string, relation: string): readonly Fact[];
  fact(id: string): Fact | undefined;
  relation(id: string): RelationDef | undefined;
  source(id: string): SourceMeta | undefined;
  intent(id: string): IntentDef | undefined;
  faqItem(id: string): FaqItem | undefined;
  sentence(id: string): Sentence | undefined;
}

function group<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const bucket = groups.get(k);
    if (bucket) bucket.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export class IndexedFactStore implements FactStore {
  private readonly entities: Map<string, Entity>;
  private readonly types: Map<string, Entity[]>;
  private readonly outgoing: Map<string, Fact[]>;
  private readonly incoming: Map<string, Fact[]>;
  private readonly facts: Map<string, Fact>;
  private readonly relations: Map<string, RelationDef>;
  private readonly sources: Map<string, SourceMeta>;
  private readonly intents: Map<string, IntentDef>;
  private readonly faq: Map<string, FaqItem>;
  private readonly sentences: Map<string, Sentence>;

  constructor(readonly data: KnowledgeData) {
    this.entities = byId(data.entities);
    this.types = group(data.entities, (e) => e.type);
    this.outgoing = group(data.facts, (f) => `${f.subject}\u0000${f.relation}`);
    this.incoming = group(data.facts, (f) => (f.object === undefined ? undefined : `${f.object}\u0000${f.relation}`));
    this.facts = byId(data.facts);
    this.relations = byId(data.relations);
    this.sources = byId(data.sources);
    this.intents = byId(data.intents);
    this.faq = byId(data.faq);
    this.sentences = byId(data.sentences);
  }

  entity(id: string) { return this.entities.get(id); }
  entitiesOfType(type: string) { return this.types.get(type) ?? []; }
  factsFrom(subject: string, relation: string) { return this.outgoing.get(`${subject}\u0000${relation}`) ?? []; }
  factsTo(object: string, relation: string) { return this.incoming.get(`${object}\u0000${relation}`) ?? []; }
  fact(id: string) { return this.facts.get(id); }
  relation(id: string) { return this.relations.get(id); }
  source(id: string) { return this.sources.get(id); }
  intent(id: string) { return this.intents.get(id); }
  faqItem(id: string) { return this.faq.get(id); }
  sentence(id: string) { return this.sentences.get(id); }
}
