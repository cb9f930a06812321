/**
 * Operations on the last list given ("which of those are in Chile?", "how many is that?", "are
 * they all in Spain?", "all of them?", "the first one?"). A list member is in a place when a fact
 * leads from it there, following transitive relations (plant → city → country); the facts that
 * show it are cited.
 */
import { citationsOf, fill, joinList } from '../../knowledge/compose';
import type { Entity, Fact } from '../../knowledge/schema';
import type { FactStore } from '../../knowledge/store';
import type { Analysis } from '../../nlu/understanding';
import type { AnswerContext } from '../context';
import type { ConversationFrame, ListFilter } from '../frame';
import { traceOf } from '../trace';
import type { ConversationMemory, Reply } from '../types';
import type { ConversationWords, MoveTexts } from '../../nlu/languages';

const MAX_HOPS = 4;

/** What a message asks of the last list. */
export type ListRequest =
  | { readonly kind: 'filter'; readonly phrase: string; readonly count: boolean }
  | { readonly kind: 'check'; readonly phrase: string }
  | { readonly kind: 'all' }
  | { readonly kind: 'count' }
  | { readonly kind: 'item'; readonly index: number };

/** The list operation a message asks for; undefined for other messages. */
export function listRequest(text: string, words: ConversationWords): ListRequest | undefined {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = words.listOrdinal.exec(t)) && m[1]!.toLowerCase() in words.ordinals) return { kind: 'item', index: words.ordinals[m[1]!.toLowerCase()]! };
  if (words.listAll.test(t)) return { kind: 'all' };
  if (words.listCount.test(t)) return { kind: 'count' };
  if ((m = words.listAllCheck.exec(t))) return { kind: 'check', phrase: m[1]! };
  if ((m = words.listFilter.exec(t))) return { kind: 'filter', phrase: m[1]!, count: words.listFilterCounts.test(t) };
  return undefined;
}

/** The facts that lead from one entity to another (the first hop any relation, then transitive ones). */
export function pathTo(store: FactStore, from: string, to: string): Fact[] | undefined {
  if (from === to) return [];
  const transitive = new Set(store.data.relations.filter((r) => r.transitive).map((r) => r.id));
  let frontier: { id: string; path: Fact[] }[] = [{ id: from, path: [] }];
  for (let hop = 0; hop < MAX_HOPS && frontier.length; hop++) {
    const next: { id: string; path: Fact[] }[] = [];
    for (const { id, path } of frontier) {
      for (const fact of store.data.facts) {
        if (fact.subject !== id || !fact.object || fact.supersededBy?.length || (hop > 0 && !transitive.has(fact.relation))) continue;
        if (fact.object === to) return [...path, fact];
        next.push({ id: fact.object, path: [...path, fact] });
      }
    }
    frontier = next;
  }
  return undefined;
}

export interface ListContext {
  readonly ctx: AnswerContext;
  readonly texts: MoveTexts;
  readonly words: ConversationWords;
  readonly analysis: Analysis;
  readonly memory: ConversationMemory;
  /** The entities a text names. */
  readonly entitiesIn: (text: string) => Entity[];
  /** What the sources say about one member ("the first one?"). */
  readonly about: (entity: Entity, memory: ConversationMemory) => Reply;
}

/** The filter a phrase names ("in Chile" → Chile, "in"), if it names something. */
export function filterOf(phrase: string, entitiesIn: (text: string) => Entity[], words: ConversationWords): ListFilter | undefined {
  const target = entitiesIn(phrase)[0];
  if (!target) return undefined;
  const prepositions = words.placePrepositions;
  const preposition = phrase.toLowerCase().split(/\s+/).find((w) => prepositions.includes(w)) ?? prepositions[0]!;
  return { target: target.id, preposition };
}

/** Answers a list operation on the last list, or says plainly there is none. */
export function answerList(request: ListRequest, lc: ListContext): Reply | undefined {
  const { ctx, memory } = lc;
  const frame = memory.frame;
  const list = (frame?.list ?? []).map((id) => ctx.store.entity(id)).filter((e): e is Entity => e !== undefined);
  if (list.length === 0) {
    // Without a list, only the moves that cannot be anything else are answered (plainly, with no list to use).
    return request.kind === 'item' || request.kind === 'all' ? ctx.unknown(lc.analysis.text, traceOf(lc.analysis, lc.analysis.text, [], 'no-list'), lc.texts.noList) : undefined;
  }
  switch (request.kind) {
    case 'item': {
      const item = list.at(request.index);
      return item ? lc.about(item, { ...memory, frame: { ...frame!, named: [item.id] } }) : undefined;
    }
    case 'count':
      return listReply(lc, fill(lc.texts.listCount, { count: String(list.length), items: names(list, lc) }), [], frame!);
    case 'all':
      return frame?.filter ? check(lc, list, frame.filter, frame) : listReply(lc, fill(lc.texts.listAll, { count: String(list.length), items: names(list, lc) }), [], frame!);
    case 'check': {
      const filter = filterOf(request.phrase, lc.entitiesIn, lc.words);
      return filter ? check(lc, list, filter, frame!) : undefined;
    }
    case 'filter': {
      const filter = filterOf(request.phrase, lc.entitiesIn, lc.words);
      return filter ? filtered(lc, list, filter, frame!) : undefined;
    }
  }
}

function names(list: readonly Entity[], lc: ListContext): string {
  return joinList(list.map((e) => e.name), lc.ctx.texts.and);
}

function phraseOf(ctx: AnswerContext, filter: ListFilter): string {
  return `${filter.preposition} ${ctx.store.entity(filter.target)?.name ?? filter.target}`;
}

function split(ctx: AnswerContext, list: readonly Entity[], filter: ListFilter): { inside: Entity[]; outside: Entity[]; facts: Fact[] } {
  const inside: Entity[] = [];
  const outside: Entity[] = [];
  const facts: Fact[] = [];
  for (const item of list) {
    const path = pathTo(ctx.store, item.id, filter.target);
    if (path) {
      inside.push(item);
      facts.push(...path);
    } else outside.push(item);
  }
  return { inside, outside, facts };
}

/** "Which of those are in X?": the members that are, or plainly none. */
export function filtered(lc: ListContext, list: readonly Entity[], filter: ListFilter, frame: ConversationFrame): Reply {
  const { inside, facts } = split(lc.ctx, list, filter);
  const phrase = phraseOf(lc.ctx, filter);
  const text = inside.length === 0
    ? fill(lc.texts.listFilterNone, { phrase })
    : fill(lc.texts.listFilter, { count: String(inside.length), phrase, items: names(inside, lc) });
  return listReply(lc, text, facts, { ...frame, filter }, inside);
}

/** "Are they all in X?": yes, or no with those that are not. */
function check(lc: ListContext, list: readonly Entity[], filter: ListFilter, frame: ConversationFrame): Reply {
  const { inside, outside, facts } = split(lc.ctx, list, filter);
  const phrase = phraseOf(lc.ctx, filter);
  const text = outside.length === 0
    ? fill(lc.texts.listAllYes, { count: String(list.length), phrase, items: names(inside, lc) })
    : fill(lc.texts.listAllNo, { phrase, phrase_cap: phrase.charAt(0).toUpperCase() + phrase.slice(1), others: names(outside, lc), items: inside.length ? names(inside, lc) : '–' });
  return listReply(lc, text, facts, { ...frame, filter }, inside.length ? inside : outside);
}

function listReply(lc: ListContext, text: string, facts: readonly Fact[], frame: ConversationFrame, named: readonly Entity[] = []): Reply {
  const { ctx, memory, analysis } = lc;
  const sources = facts.length ? citationsOf(ctx.store, facts) : citationsOf(ctx.store, (memory.facts ?? []).map((id) => ctx.store.fact(id)).filter((f): f is Fact => f !== undefined));
  const citations = sources.length ? sources : (memory.sources ?? []).map((id) => ctx.store.source(id)).filter((s) => s !== undefined).map((s) => ({ source: s.id, title: s.title, date: s.date }));
  return {
    kind: 'answer',
    text,
    citations,
    suggestions: [],
    memory: { ...memory, facts: facts.length ? [...new Set(facts.map((f) => f.id))] : memory.facts ?? [], frame: named.length ? { ...frame, named: named.map((e) => e.id) } : frame },
    trace: traceOf(analysis, analysis.text, facts.map((f) => f.id), 'list'),
  };
}
