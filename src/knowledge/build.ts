/**
 * Compiles a knowledge folder into the fact store (a lowdb JSON file) and the trained model.
 * Start-up only loads these; nothing is trained while the bot starts unless the build is stale.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { languageModule } from '../nlu/languages';
import { trainUnderstanding } from '../nlu/training';
import { NONE, type LabelledText, type UnderstandingModel } from '../nlu/understanding';
import { normalize } from '../nlu/text';
import { knowledgeInputs, readKnowledge, type KnowledgeFiles } from './read';
import { FAQ_PARAPHRASES } from './ingest/english';
import { ingest } from './ingest';
import { contentWords } from './search';
import { localEntities } from './localize';
import { answerParts, factsBySource, KnowledgeError, quotes, type FaqIntent, type IntentDef, type KnowledgeData, type Translation } from './schema';

/** Label of questions best answered by searching the sources' sentences. */
export const SEARCH = 'search';
/** Document sentences teach the classifier less than curated questions do. */
const SENTENCE_WEIGHT = 0.3;
/** Bump when the build's output format or training changes, so older builds count as stale. */
const BUILD_FORMAT = 6;

export const FACT_STORE_FILE = 'knowledge.json';
export const MODEL_FILE = 'model.json';

export interface BuiltModel {
  readonly version: string;
  /** The model of the sources' language. */
  readonly understanding: UnderstandingModel;
  /** One model per other language, trained on its own examples, by language code. */
  readonly languages?: Readonly<Record<string, UnderstandingModel>>;
}

export interface BuildResult {
  readonly data: KnowledgeData;
  readonly model: BuiltModel;
  readonly examples: number;
}

/** The code that shapes the build (training, features, reading): a change to it makes builds stale. */
function buildCode(): string[] {
  const nlu = path.join(__dirname, '../nlu');
  const code = (dir: string) => fs.readdirSync(dir).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort().map((f) => path.join(dir, f));
  const ext = path.extname(__filename);
  return [...code(nlu), ...code(path.join(nlu, 'languages')), ...code(path.join(__dirname, 'ingest')), ...['build', 'read', 'sources', 'search', 'translations', 'localize'].map((name) => path.join(__dirname, name + ext))];
}

/** A content hash of everything the build reads, and of the code that builds: the knowledge base's version. */
export function knowledgeVersion(dir: string): string {
  const hash = crypto.createHash('sha256').update(`format ${BUILD_FORMAT}\n`);
  for (const file of buildCode()) hash.update(fs.readFileSync(file));
  for (const file of knowledgeInputs(dir)) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(dir, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Short forms of an FAQ question, as visitors type them. */
export function faqParaphrases(question: string): string[] {
  const keywords = contentWords(question).join(' ');
  return keywords ? FAQ_PARAPHRASES.map((p) => p.replace('{keywords}', keywords)) : [];
}

/** FAQ entries become intents, unless a curated intent claims their question. */
function compileIntents(files: KnowledgeFiles): IntentDef[] {
  const claimed = new Map<string, IntentDef>();
  for (const intent of files.intents) if (intent.kind === 'facts') for (const q of intent.faq ?? []) claimed.set(normalize(q), intent);
  const extensions = new Map(files.intents.filter((i): i is FaqIntent => i.kind === 'faq').map((i) => [i.id, i]));
  const faqIntents: IntentDef[] = [];
  const claimedExamples = new Map<string, string[]>();
  for (const item of files.sources.flatMap((s) => s.faq)) {
    const owner = claimed.get(normalize(item.question));
    if (owner) {
      claimedExamples.set(owner.id, [...(claimedExamples.get(owner.id) ?? []), item.question]);
      continue;
    }
    const extra = extensions.get(item.id);
    faqIntents.push({
      ...extra,
      kind: 'faq',
      id: item.id,
      label: extra?.label ?? item.question,
      examples: [item.question, ...faqParaphrases(item.question), ...(extra?.examples ?? [])],
      faqItem: item.id,
    });
  }
  const known = new Set(faqIntents.map((i) => i.id));
  for (const id of extensions.keys()) {
    if (!known.has(id)) throw new KnowledgeError(`intents.yaml: intent "${id}" extends an FAQ entry that no source has`);
  }
  const curated = files.intents
    .filter((i) => i.kind !== 'faq')
    .map((i) => ({ ...i, examples: [...i.examples, ...(claimedExamples.get(i.id) ?? [])] }));
  return [...curated, ...faqIntents];
}

/** Each sentence teaches the intents that answer from facts quoted in it; the rest teach "search". */
function sentenceExamples(files: KnowledgeFiles, intents: readonly IntentDef[]): LabelledText[] {
  const intentsByRelation = new Map<string, Set<string>>();
  for (const intent of intents) {
    for (const part of answerParts(intent)) {
      const set = intentsByRelation.get(part.relation) ?? new Set<string>();
      set.add(intent.id);
      intentsByRelation.set(part.relation, set);
    }
  }
  const faqItems = files.sources.flatMap((s) => s.faq);
  const faqIntents = new Set(intents.flatMap((i) => (i.kind === 'faq' ? [i.faqItem] : [])));
  const examples: LabelledText[] = [];
  const bySource = factsBySource(files.facts);
  for (const sentence of files.sources.flatMap((s) => s.sentences)) {
    const labels = new Set<string>();
    for (const fact of bySource.get(sentence.source) ?? []) {
      if (quotes(fact, sentence)) for (const id of intentsByRelation.get(fact.relation) ?? []) labels.add(id);
    }
    for (const item of faqItems) {
      if (item.source === sentence.source && item.answer.includes(sentence.text) && faqIntents.has(item.id)) labels.add(item.id);
    }
    if (labels.size === 0) labels.add(SEARCH);
    for (const label of labels) examples.push({ text: sentence.text, label, weight: SENTENCE_WEIGHT / labels.size });
  }
  return examples;
}

export function trainingExamples(files: KnowledgeFiles, intents: readonly IntentDef[]): LabelledText[] {
  const curated = intents.flatMap((intent) =>
    intent.examples.map((text) => ({ text, label: intent.kind === 'none' ? NONE : intent.id })),
  );
  return [...curated, ...sentenceExamples(files, intents)];
}

/** Another language's training examples: its translated examples of the compiled intents. */
export function translatedExamples(translation: Translation, intents: readonly IntentDef[]): LabelledText[] {
  return intents.flatMap((intent) =>
    (translation.intents[intent.id]?.examples ?? []).map((text) => ({ text, label: intent.kind === 'none' ? NONE : intent.id })),
  );
}

/** A model per other language, on its own examples and the names as written in it. */
async function trainTranslations(files: KnowledgeFiles, intents: readonly IntentDef[]): Promise<Record<string, UnderstandingModel>> {
  const models: Record<string, UnderstandingModel> = {};
  for (const language of files.languages.slice(1)) {
    const translation = files.translations[language]!;
    const examples = translatedExamples(translation, intents);
    if (new Set(examples.map((e) => e.label)).size < 2) throw new KnowledgeError(`intents.${language}.yaml: examples for at least two intents are needed`);
    models[language] = await trainUnderstanding(examples, localEntities(files.entities, translation), [], undefined, languageModule(language));
  }
  return models;
}

/** The curated files with what ingestion read from the documents added. */
export function withIngested(curated: KnowledgeFiles): KnowledgeFiles {
  const found = ingest(curated);
  return {
    ...curated,
    entities: [...curated.entities, ...found.entities],
    facts: [...curated.facts, ...found.facts],
    relations: [...curated.relations, ...found.relations],
    intents: [...curated.intents, ...found.intents],
  };
}

/** Reads, checks and compiles a knowledge folder (in memory; see writeBuild). */
export async function buildKnowledge(dir: string): Promise<BuildResult> {
  const files = withIngested(readKnowledge(dir));
  const version = knowledgeVersion(dir);
  const intents = compileIntents(files);
  const examples = trainingExamples(files, intents);
  const sentences = files.sources.flatMap((s) => s.sentences);
  const understanding = await trainUnderstanding(examples, files.entities, sentences.map((s) => s.text), undefined, languageModule(files.languages[0]));
  const languages = await trainTranslations(files, intents);
  const data: KnowledgeData = {
    version,
    builtAt: new Date().toISOString(),
    bot: files.bot,
    sources: files.sources.map((s) => s.meta),
    sentences,
    faq: files.sources.flatMap((s) => s.faq),
    entities: files.entities,
    relations: files.relations,
    facts: files.facts,
    intents,
    languages: files.languages,
    ...(files.languages.length > 1 ? { translations: files.translations } : {}),
  };
  const translated = Object.keys(languages).length ? { languages } : {};
  return { data, model: { version, understanding, ...translated }, examples: examples.length };
}

/** lowdb's JSON adapter writes to a temporary file and renames it: a reader never sees half a build. */
async function writeJson<T>(file: string, data: T): Promise<void> {
  const db = new Low<T>(new JSONFile<T>(file), data);
  await db.write();
}

export async function writeBuild(buildDir: string, result: BuildResult): Promise<void> {
  fs.mkdirSync(buildDir, { recursive: true });
  await writeJson(path.join(buildDir, MODEL_FILE), result.model);
  // The fact store last: its version is what start-up compares, so it marks a complete build.
  await writeJson(path.join(buildDir, FACT_STORE_FILE), result.data);
}

/** Loads a build written by writeBuild through lowdb. */
export async function readBuild(buildDir: string): Promise<{ data: KnowledgeData; model: BuiltModel }> {
  const read = async <T>(name: string): Promise<T> => {
    const db = new Low<T | null>(new JSONFile<T | null>(path.join(buildDir, name)), null);
    await db.read();
    if (!db.data) throw new KnowledgeError(`${path.join(buildDir, name)}: missing or empty; run npm run knowledge:build`);
    return db.data;
  };
  const [data, model] = await Promise.all([read<KnowledgeData>(FACT_STORE_FILE), read<BuiltModel>(MODEL_FILE)]);
  if (data.version !== model.version) throw new KnowledgeError(`${buildDir}: the fact store and the model come from different builds; run npm run knowledge:build`);
  return { data, model };
}

/** The version of the build in a folder, or undefined when there is none. */
export function builtVersion(buildDir: string): string | undefined {
  try {
    const model = JSON.parse(fs.readFileSync(path.join(buildDir, MODEL_FILE), 'utf8')) as { version?: string };
    const store = JSON.parse(fs.readFileSync(path.join(buildDir, FACT_STORE_FILE), 'utf8')) as { version?: string };
    return model.version === store.version ? store.version : undefined;
  } catch {
    return undefined;
  }
}
