/**
 * Replies are markdown (the channel layer sends them with textFormat "markdown"), so whatever a
 * person typed must be escaped before it is put into one: otherwise "[prize](https://evil.example)"
 * or "<b>" would come back as a live link or element. A backslash before any ASCII punctuation is
 * the literal character in CommonMark; escaping `.`, `:` and `@` as well keeps a renderer that
 * turns bare addresses into links (Web Chat's does) from finding one.
 */
const MARKUP = /[\\`*_{}[\]()<>#+\-!|~&.:@=^]/g;

/** A person's text, made safe to quote inside a markdown reply (one line, every markup character literal). */
export function quoteUserText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(MARKUP, '\\$&');
}
