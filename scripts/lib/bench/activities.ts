/** The messages the benchmark sends: the labelled questions, as Bot Framework activities. */
import fs from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { BotClient } from '../botClient';
import YAML from 'yaml';

export const QUESTIONS_FILE = 'test/eval/questions.yaml';
/** The knowledge base's other languages' sets: test/eval/questions.LANG.yaml. */
export const questionsFileOf = (language: string) => `test/eval/questions.${language}.yaml`;

/** The question texts of a labelled evaluation set (single questions and conversation turns). */
export function readQuestions(root: string = process.cwd(), file: string = QUESTIONS_FILE): string[] {
  const raw = YAML.parse(fs.readFileSync(path.join(root, file), 'utf8')) as {
    questions?: { q?: unknown }[];
    conversations?: { turns?: { q?: unknown }[] }[];
  };
  const texts = [...(raw.questions ?? []), ...(raw.conversations ?? []).flatMap((c) => c.turns ?? [])].map((t) => t.q);
  return texts.filter((q): q is string => typeof q === 'string' && q.trim().length > 0);
}

/** A user's message in a conversation, delivered with expectReplies (replies come back in the response). */
export function messageActivity(conversationId: string, text: string, serviceUrl = 'http://127.0.0.1:1'): Partial<Activity> {
  return new BotClient(serviceUrl, 'directline').activity(conversationId, text);
}

/** Whether a turn's replies include a message a person would read. */
export function answered(replies: readonly Partial<Activity>[]): boolean {
  return replies.some((a) => a.type === 'message' && typeof a.text === 'string' && a.text.length > 0);
}
