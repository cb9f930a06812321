/**
 * The maintainer's report on a build: what each source contributes (FAQ entries, passages, facts,
 * names), the sentences no question reaches, where sources disagree and which one wins, and facts
 * read from the documents that are worth curating.
 */
import { languageModule } from '../nlu/languages';
import { recency } from './compose';
import { contentStems, SentenceIndex, sentenceContext } from './search';
import { answerParts, factsBySource, quotes, type Fact, type KnowledgeData, type Sentence } from './schema';

export interface SourceReport {
  readonly id: string;
  readonly title: string;
  readonly date: string;
  readonly faqEntries: readonly string[];
  readonly passages: number;
  readonly curatedFacts: number;
  readonly readFacts: readonly string[];
  readonly names: readonly string[];
  /** Sentences answered only by quoting them: no fact or FAQ entry answers from them. */
  readonly searchOnly: number;
  /** Sentences no question reaches: questions themselves, too short to match, or not found by their own rarest words. */
  readonly unreached: readonly string[];
}

export interface Conflict {
  readonly subject: string;
  readonly relation: string;
  readonly winner: { readonly value: string; readonly source: string; readonly date: string };
  readonly others: readonly { readonly value: string; readonly source: string; readonly date: string }[];
}

export interface KnowledgeReport {
  readonly sources: readonly SourceReport[];
  readonly conflicts: readonly Conflict[];
  /** facts.yaml entries for facts read from documents that no curated relation holds. */
  readonly suggestions: readonly string[];
}

/** The few words of a sentence that should find it: its rarest content stems. */
const PROBE_WORDS = 3;

export function knowledgeReport(data: KnowledgeData): KnowledgeReport {
  const entityName = new Map(data.entities.map((e) => [e.id, e.name]));
  const sourceOf = new Map(data.sources.map((s) => [s.id, s]));
  const answeredRelations = new Set(data.intents.flatMap((i) => answerParts(i).map((p) => p.relation)));
  const faqWithIntent = new Set(data.intents.flatMap((i) => (i.kind === 'faq' ? [i.faqItem] : [])));
  const bySource = factsBySource(data.facts);
  const quoting = (sentence: Sentence) => (bySource.get(sentence.source) ?? []).filter((f) => quotes(f, sentence));
  const language = languageModule(data.languages?.[0]);
  const index = new SentenceIndex(data.sentences, sentenceContext, language);
  const frequency = new Map<string, number>();
  for (const sentence of data.sentences) for (const s of contentStems(sentence.text, language)) frequency.set(s, (frequency.get(s) ?? 0) + 1);

  const answered = (sentence: Sentence): boolean =>
    data.faq.some((item) => item.source === sentence.source && item.answer.includes(sentence.text) && faqWithIntent.has(item.id)) ||
    quoting(sentence).some((f) => answeredRelations.has(f.relation));
  const reached = (sentence: Sentence): boolean => {
    if (answered(sentence)) return true;
    if (sentence.text.trim().endsWith('?')) return false;
    const probe = contentStems(sentence.text, language).sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0)).slice(0, PROBE_WORDS);
    return probe.length >= 2 && index.search(probe.join(' '), 1)[0]?.sentence.id === sentence.id;
  };

  const value = (f: Fact) => (f.object !== undefined ? entityName.get(f.object) ?? f.object : f.value!);
  const sources = data.sources.map((meta): SourceReport => {
    const sentences = data.sentences.filter((s) => s.source === meta.id);
    const facts = data.facts.filter((f) => f.source === meta.id);
    const names = data.entities.filter((e) => e.extracted && sentences.some((s) => s.text.includes(e.name))).map((e) => `${e.name} (${e.type})`);
    return {
      id: meta.id,
      title: meta.title,
      date: meta.date,
      faqEntries: data.faq.filter((f) => f.source === meta.id).map((f) => f.question),
      passages: sentences.length,
      curatedFacts: facts.filter((f) => !f.extracted).length,
      readFacts: facts.filter((f) => f.extracted).map((f) => `${entityName.get(f.subject) ?? f.subject} — ${f.relation} — ${value(f)}`),
      names,
      searchOnly: sentences.filter((s) => !answered(s)).length,
      unreached: sentences.filter((s) => !reached(s)).map((s) => s.text),
    };
  });

  const conflicts: Conflict[] = [];
  for (const relation of data.relations.filter((r) => r.single)) {
    const bySubject = new Map<string, Fact[]>();
    for (const fact of data.facts.filter((f) => f.relation === relation.id)) bySubject.set(fact.subject, [...(bySubject.get(fact.subject) ?? []), fact]);
    for (const [subject, facts] of bySubject) {
      if (new Set(facts.map(value)).size < 2) continue;
      const ranked = [...facts].sort((a, b) => recency(sourceOf.get(b.source)) - recency(sourceOf.get(a.source)));
      const entry = (f: Fact) => ({ value: value(f), source: f.source, date: sourceOf.get(f.source)?.date ?? '' });
      const winner = entry(ranked[0]!);
      conflicts.push({ subject: entityName.get(subject) ?? subject, relation: relation.id, winner, others: ranked.slice(1).map(entry).filter((o) => o.value !== winner.value) });
    }
  }

  const curatedRelations = new Set(data.relations.filter((r) => !r.id.startsWith('doc.')).map((r) => r.id));
  const suggestions = data.facts
    .filter((f) => f.extracted && !curatedRelations.has(f.relation))
    .map((f) => [
      `- id: ${f.subject}-${f.relation.replace(/^doc\.\w+\./, '')}`.replace(/^- id: doc-/, '- id: '),
      `  subject: ${f.subject}`,
      `  relation: ${f.relation.replace(/^doc\.\w+\./, '')}`,
      f.object !== undefined ? `  object: ${f.object}` : `  value: ${JSON.stringify(f.value)}`,
      `  source: ${f.source}`,
      `  quote: ${JSON.stringify(f.quote)}`,
    ].join('\n'));
  return { sources, conflicts, suggestions };
}

/** One line per source, for the build's output. */
export function reportSummary(report: KnowledgeReport): string[] {
  return report.sources.map((s) =>
    `  ${s.id} (${s.date}): ${s.faqEntries.length} FAQ entries, ${s.passages} passages, ${s.curatedFacts} curated + ${s.readFacts.length} read facts, ${s.names.length} names; ${s.searchOnly} sentences only quoted, ${s.unreached.length} no question reaches`);
}
