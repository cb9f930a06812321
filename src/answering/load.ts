/**
 * Loads the answering engine from a knowledge folder's build, rebuilding it first when the
 * knowledge has changed since (or was never built).
 */
import { buildKnowledge, builtVersion, knowledgeVersion, readBuild, writeBuild, type BuildResult } from '../knowledge/build';
import { IndexedFactStore, type FactStore } from '../knowledge/store';
import { Understanding } from '../nlu/understanding';
import { silentLogger, type Logger } from '../log';
import { AnswerEngine } from './engine';

export interface LoadedKnowledge {
  readonly engine: AnswerEngine;
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
  const understanding = new Understanding(built.model.understanding, built.data.entities);
  return { engine: new AnswerEngine(store, understanding), store, understanding, rebuilt };
}
