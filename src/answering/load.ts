/**
 * Loads the answering engine from a knowledge folder's build, rebuilding it first when the
 * knowledge has changed since (or was never built).
 */
import { buildKnowledge, builtVersion, knowledgeVersion, readBuild, writeBuild } from '../knowledge/build';
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

export async function ensureBuilt(knowledgeDir: string, buildDir: string, logger: Logger = silentLogger): Promise<boolean> {
  const wanted = knowledgeVersion(knowledgeDir);
  if (builtVersion(buildDir) === wanted) return false;
  const started = Date.now();
  const result = buildKnowledge(knowledgeDir);
  await writeBuild(buildDir, result);
  logger.info('knowledge built', { version: result.data.version, examples: result.examples, ms: Date.now() - started });
  return true;
}

export async function loadKnowledge(knowledgeDir: string, buildDir: string, logger: Logger = silentLogger): Promise<LoadedKnowledge> {
  const rebuilt = await ensureBuilt(knowledgeDir, buildDir, logger);
  const { data, model } = await readBuild(buildDir);
  const store = new IndexedFactStore(data);
  const understanding = new Understanding(model.understanding, data.entities);
  return { engine: new AnswerEngine(store, understanding), store, understanding, rebuilt };
}
