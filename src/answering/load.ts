/**
 * Loads the answering engine from a knowledge folder's build, rebuilding it first when the
 * knowledge has changed since (or was never built).
 */
import { buildKnowledge, builtVersion, knowledgeVersion, readBuild, writeBuild, type BuildResult } from '../knowledge/build';
import { localEntities, localize } from '../knowledge/localize';
import type { KnowledgeData } from '../knowledge/schema';
import { IndexedFactStore, type FactStore } from '../knowledge/store';
import { namesOf, type NamedThing } from '../nlu/entities';
import { languageModule } from '../nlu/languages';
import { LanguageDetector } from '../nlu/languages/detect';
import { tokenize } from '../nlu/text';
import { Understanding, type UnderstandingModel } from '../nlu/understanding';
import { silentLogger, type Logger } from '../log';
import { AnswerEngine } from './engine';
import { MultilingualEngine } from './languages';

export interface LoadedKnowledge {
  readonly engine: MultilingualEngine;
  readonly store: FactStore;
  readonly understanding: Understanding;
  /** Whether the build was redone at load. */
  readonly rebuilt: boolean;
}

async function rebuild(knowledgeDir: string, buildDir: string, logger: Logger): Promise<BuildResult> {
  const started = Date.now();
  const result = await buildKnowledge(knowledgeDir);
  await writeBuild(buildDir, result);
  // One line the operator sees on `npm start` when the knowledge changed and had to be rebuilt.
  logger.info(`knowledge changed: rebuilt in ${Date.now() - started} ms`, { version: result.data.version, examples: result.examples, ms: Date.now() - started });
  return result;
}

/** Builds the knowledge when its build is missing or stale; whether it did. */
export async function ensureBuilt(knowledgeDir: string, buildDir: string, logger: Logger = silentLogger): Promise<boolean> {
  if (builtVersion(buildDir) === knowledgeVersion(knowledgeDir)) return false;
  await rebuild(knowledgeDir, buildDir, logger);
  return true;
}

export async function loadKnowledge(knowledgeDir: string, buildDir: string, logger: Logger = silentLogger): Promise<LoadedKnowledge> {
  // One read of the build: its version says whether it is current; a stale one is rebuilt and the
  // fresh result used as it is, without reading it back.
  const wanted = knowledgeVersion(knowledgeDir);
  const existing = await readBuild(buildDir).catch(() => undefined);
  let built = existing?.data.version === wanted ? existing : undefined;
  const rebuilt = built === undefined;
  if (!built) built = await rebuild(knowledgeDir, buildDir, logger);
  const store = new IndexedFactStore(built.data);
  const understanding = new Understanding(built.model.understanding, built.data.entities, languageModule(built.data.languages?.[0]));
  const engine = multilingual(built.data, store, understanding, built.model.languages ?? {});
  return { engine, store, understanding, rebuilt };
}

/** One engine per language over the same facts, and the detector that picks among them. */
function multilingual(data: KnowledgeData, store: FactStore, understanding: Understanding, models: Readonly<Record<string, UnderstandingModel>>): MultilingualEngine {
  const [own = 'en', ...others] = data.languages ?? [];
  const first = new AnswerEngine(store, understanding);
  const engines = new Map<string, () => AnswerEngine>([[own, () => first]]);
  const vocabularies = [{ code: own, model: understanding.model }];
  const named = [data.entities];
  for (const language of others) {
    const model = models[language];
    if (!model) throw new Error(`the build has no model for "${language}"; run npm run knowledge:build`);
    const entities = localEntities(data.entities, data.translations?.[language]);
    // Made on the first message in the language: start-up pays only for the sources' language.
    engines.set(language, () => new AnswerEngine(new IndexedFactStore(localize(data, language)), new Understanding(model, entities, languageModule(language))));
    vocabularies.push({ code: language, model });
    named.push(entities);
  }
  const detector = new LanguageDetector(vocabularies.map((v) => ({ code: v.code, words: v.model.evidence })), properNameWords(named));
  return new MultilingualEngine(engines, detector);
}

/**
 * Words of proper names ("Terra", "Riverside"), which look the same in every language: no evidence
 * of one. A word some name writes in lower case ("stabilimento di Riverside", "Riverside plant") is
 * a common word of its language, and is.
 */
function properNameWords(byLanguage: readonly (readonly NamedThing[])[]): Set<string> {
  const tokens = byLanguage.flat().flatMap(namesOf).flatMap((name) => tokenize(name));
  const common = new Set(tokens.filter((t) => /^\p{Ll}/u.test(t.surface)).map((t) => t.norm));
  return new Set(tokens.map((t) => t.norm).filter((word) => !common.has(word)));
}
