/** The languages the understanding pipeline can read: one module each. */
import { english } from './english';
import { italian } from './italian';
import type { LanguageModule } from './types';

export type { ConversationWords, LanguageModule, MoveTexts } from './types';
export { english } from './english';

const MODULES: ReadonlyMap<string, LanguageModule> = new Map([english, italian].map((m) => [m.code, m]));

/** Codes of the languages there is a module for. */
export const KNOWN_LANGUAGES: readonly string[] = [...MODULES.keys()];

/** The module of a language code ("it", "it-IT"); English when none is given. */
export function languageModule(code: string | undefined): LanguageModule {
  if (code === undefined) return english;
  const found = MODULES.get(baseLanguage(code));
  if (!found) throw new Error(`no language module for "${code}" (known: ${KNOWN_LANGUAGES.join(', ')})`);
  return found;
}

/** "it-IT" → "it". */
export function baseLanguage(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0]!;
}
