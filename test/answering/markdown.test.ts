import { quoteUserText } from '../../src/answering/markdown';
import { renderLikeWebChat } from '../support/markdown';

/** Typed text that would be markup if it went into a reply as it is. */
const HOSTILE = [
  '[Claim your prize](https://evil.example)',
  '<b>bold</b>',
  '<img src=x onerror=alert(1)>',
  'https://evil.example/login',
  'www.evil.com',
  'visit evil.com now',
  'write to prize@evil.com',
  '**strong** _em_ `code` ~~gone~~',
  '![pic](https://evil.example/p.png)',
  '&lt;b&gt; and &#60;i&#62;',
  '[x]: https://evil.example',
  '# heading\n- item\n> quote',
];

describe('quoting user text in a markdown reply', () => {
  it.each(HOSTILE)('renders %j as the literal text, with no link or element', (typed) => {
    const html = renderLikeWebChat(`I don't know anything about “${quoteUserText(typed)}”.`);
    expect(html).not.toMatch(/<(a|b|img|strong|em|code|s|del|h1|ul|li|blockquote)[\s>/]/);
    // What was typed shows as typed (markdown-it escapes &, < and > for HTML; newlines become spaces).
    const shown = html.replace(/<\/?p>/g, '').trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    expect(shown).toContain(typed.replace(/\s+/g, ' '));
  });

  it('the same text unquoted would be live markup (so the check above can fail)', () => {
    expect(renderLikeWebChat('“[Claim your prize](https://evil.example)”')).toContain('<a href="https://evil.example"');
    expect(renderLikeWebChat('“<b>bold</b>”')).toContain('<b>');
    expect(renderLikeWebChat('“visit evil.com now”')).toContain('<a href');
  });

  it.each([
    ['plain words stay as they are', 'the Voyager', 'the Voyager'],
    ['punctuation that could start markup gets a backslash', 'a*b_c', 'a\\*b\\_c'],
    ['a backslash itself is escaped', 'C:\\temp', 'C\\:\\\\temp'],
    ['line breaks become spaces', 'one\n\ntwo', 'one two'],
  ])('%s', (_case, typed, quoted) => {
    expect(quoteUserText(typed)).toBe(quoted);
  });
});
