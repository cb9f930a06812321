/**
 * Composes an answer from facts: picks the facts an intent's answer part asks for, prefers the
 * newer or more specific source where sources disagree (and mentions the other, quoted and cited),
 * fills the template, and lists the citations.
 */
import type { FactStore } from './store';
import type { AnswerPart, BotTexts, Entity, Fact, SourceMeta } from './schema';

export interface Citation {
  readonly source: string;
  readonly title: string;
  readonly date: string;
}

export interface ComposedPart {
  readonly text: string;
  /** Facts the answer states. */
  readonly facts: readonly Fact[];
  /** Older or less specific facts mentioned as notes. */
  readonly notes: readonly Fact[];
  /** Entities named in the answer (for "what else is built there?"). */
  readonly objects: readonly Entity[];
  /** For yes/no questions: whether the entity asked about is among the answers. */
  readonly holds?: boolean;
}

export interface PartRequest {
  readonly part: AnswerPart;
  readonly subject: Entity;
  /** A second entity named in a yes/no question, checked against the answer. */
  readonly check?: Entity | undefined;
  /** Entities to leave out ("what else…"). */
  readonly exclude?: readonly string[];
  /** Numbers in a yes/no question, checked against literal answers ("founded in 1910?"). */
  readonly values?: readonly string[];
}

/** Dated sources first (newest first), undated last. */
export function recency(source: SourceMeta | undefined): number {
  const parts = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(source?.date ?? '');
  if (!parts) return -Infinity;
  return Number(parts[1]) * 10_000 + Number(parts[2] ?? 0) * 100 + Number(parts[3] ?? 0);
}

export function citationsOf(store: FactStore, facts: readonly Fact[]): Citation[] {
  const ids = [...new Set(facts.map((f) => f.source))];
  return ids
    .map((id) => store.source(id))
    .filter((s): s is SourceMeta => s !== undefined)
    .sort((a, b) => recency(b) - recency(a))
    .map((s) => ({ source: s.id, title: s.title, date: s.date }));
}

/** "A", "A and B", "A, B and C" (with the language's word for "and"). */
export function joinList(items: readonly string[], and = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** A quote without its own outer quotation marks, for quoting inside a text. */
export function unquoted(text: string): string {
  return text.replace(/^["“”]+|["“”]+$/g, '');
}

export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([\w:.-]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export class AnswerComposer {
  constructor(
    private readonly store: FactStore,
    private readonly texts: BotTexts,
  ) {}

  /** Names along a transitive relation: plant → city → country. */
  chain(entityId: string, relation: string): string[] {
    const names: string[] = [];
    const seen = new Set([entityId]);
    let current = entityId;
    for (;;) {
      const next = this.preferred(this.store.factsFrom(current, relation))[0];
      if (!next) return names;
      if (next.value !== undefined) return [...names, next.value];
      if (seen.has(next.object!)) return names;
      seen.add(next.object!);
      names.push(this.store.entity(next.object!)?.name ?? next.object!);
      current = next.object!;
    }
  }

  /** Facts ordered newest source first, superseded ones removed. */
  private preferred(facts: readonly Fact[]): Fact[] {
    return facts
      .filter((f) => !this.isSuperseded(f))
      .sort((a, b) => recency(this.store.source(b.source)) - recency(this.store.source(a.source)));
  }

  private isSuperseded(fact: Fact): boolean {
    return (fact.supersededBy ?? []).some((id) => this.store.fact(id) !== undefined);
  }

  /** Every entity an answer object leads to through transitive relations (for yes/no checks). */
  private reach(entityId: string): Set<string> {
    const reached = new Set([entityId]);
    const queue = [entityId];
    const transitive = this.store.data.relations.filter((r) => r.transitive);
    while (queue.length) {
      const current = queue.shift()!;
      for (const relation of transitive) {
        for (const fact of this.store.factsFrom(current, relation.id)) {
          if (fact.object !== undefined && !reached.has(fact.object)) {
            reached.add(fact.object);
            queue.push(fact.object);
          }
        }
      }
    }
    return reached;
  }

  /** The facts a part asks for, split into what is stated and what is only mentioned. */
  select(part: AnswerPart, subject: Entity): { facts: Fact[]; notes: Fact[] } {
    const all =
      part.direction === 'in'
        ? this.store.factsTo(subject.id, part.relation).filter((f) => !part.objectType || this.store.entity(f.subject)?.type === part.objectType)
        : this.store.factsFrom(subject.id, part.relation);
    // Superseded facts are left out: a more specific source says better. Only a disagreement
    // on a one-value relation (below) is worth mentioning, with its source.
    const notes: Fact[] = [];
    let facts = this.preferred(all);
    if (this.store.relation(part.relation)?.single && facts.length > 1) {
      // One true value: keep the newest source's, mention the others.
      const newest = facts[0]!;
      const same = (f: Fact) => (f.object ?? f.value) === (newest.object ?? newest.value);
      notes.push(...facts.filter((f) => !same(f)));
      facts = facts.filter(same);
    }
    return { facts, notes };
  }

  compose(request: PartRequest): ComposedPart | undefined {
    const { part, subject } = request;
    const { facts: selected, notes } = this.select(part, subject);
    const excluded = new Set(request.exclude ?? []);
    const facts = selected.filter((f) => !excluded.has(this.targetOf(part, f) ?? ''));
    if (facts.length === 0) {
      if (selected.length > 0 && excluded.size > 0) {
        const names = [...excluded].map((id) => this.store.entity(id)?.name ?? id);
        return { text: fill(this.texts.nothingElse, { excluded: joinList(names, this.texts.and) }), facts: selected, notes: [], objects: [] };
      }
      return undefined;
    }
    const objects = this.objectsOf(part, facts);
    const holds = this.verdict(request, objects);
    const text = part.template ? this.fillTemplate(part, subject, objects) : this.statements(facts);
    const noteText = notes.map((f) => this.note(f)).join(' ');
    return {
      text: noteText ? `${text} ${noteText}` : text,
      facts,
      notes,
      objects: objects.flatMap((o) => (o.entity ? [o.entity] : [])),
      ...(holds === undefined ? {} : { holds }),
    };
  }

  /**
   * For yes/no questions: whether the entity or value asked about is among the answers (or where
   * they lead). Only where the answer comes from a template: a free statement may hedge.
   */
  private verdict(request: PartRequest, objects: readonly { name: string; entity?: Entity }[]): boolean | undefined {
    if (request.part.template === undefined || request.part.yesNo === false) return undefined;
    if (request.check && objects.some((o) => o.entity)) {
      return objects.some((o) => o.entity && this.reach(o.entity.id).has(request.check!.id));
    }
    const values = objects.filter((o) => !o.entity).map((o) => o.name.toLowerCase());
    const asked = request.values ?? [];
    if (values.length && asked.length) return asked.some((v) => values.includes(v));
    return undefined;
  }

  private targetOf(part: AnswerPart, fact: Fact): string | undefined {
    return part.direction === 'in' ? fact.subject : fact.object;
  }

  private objectsOf(part: AnswerPart, facts: readonly Fact[]): { key: string; name: string; entity?: Entity }[] {
    const seen = new Map<string, { key: string; name: string; entity?: Entity }>();
    for (const fact of facts) {
      const id = this.targetOf(part, fact);
      if (id === undefined) {
        if (!seen.has(`=${fact.value}`)) seen.set(`=${fact.value}`, { key: `=${fact.value}`, name: fact.value! });
        continue;
      }
      const entity = this.store.entity(id);
      if (entity && !seen.has(id)) seen.set(id, { key: id, name: entity.name, entity });
    }
    return [...seen.values()];
  }

  private fillTemplate(part: AnswerPart, subject: Entity, objects: readonly { name: string; entity?: Entity }[]): string {
    const items = objects.map((o) => fill(part.item ?? '{name}', { name: o.name, ...this.chainValues(part.item ?? '', o.entity) }));
    return fill(part.template!, {
      subject: subject.name,
      objects: joinList(items, this.texts.and),
      count: String(objects.length),
      ...this.chainValues(part.template!, subject),
    });
  }

  /** Values for the {chain:REL} placeholders a template uses. */
  private chainValues(template: string, entity: Entity | undefined): Record<string, string> {
    const values: Record<string, string> = {};
    for (const [, relation] of template.matchAll(/\{chain:([\w.-]+)\}/g)) {
      values[`chain:${relation}`] = entity ? this.chain(entity.id, relation!).join(', ') : '';
    }
    return values;
  }

  private statements(facts: readonly Fact[]): string {
    return [...new Set(facts.map((f) => f.statement ?? `“${f.quote}”`))].join(' ');
  }

  private note(fact: Fact): string {
    const source = this.store.source(fact.source);
    return fill(this.texts.quotedNote, { source: source ? `“${source.title}”` : fact.source, date: source?.date ?? '', quote: unquoted(fact.quote) });
  }
}
