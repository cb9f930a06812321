/*
 * Chat widget for any website:
 *
 *   <script src="https://BOT-HOST/embed.js" async
 *           data-title="Questions? Ask us" data-accent="#b3122e"
 *           data-greeting="Hi! How can I help?" data-position="right" data-language="en"></script>
 *
 * It adds a launcher button and a panel holding the chat page in an iframe. Everything it draws
 * lives in a shadow root, so the host page's styles cannot reach it and its styles cannot leak.
 */
(function () {
  'use strict';

  var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  if (!script || window.__chatWidgetLoaded) return;
  window.__chatWidgetLoaded = true;

  var botOrigin = new URL(script.src, window.location.href).origin;
  var data = script.dataset;

  function cleanText(value, maxLength, fallback) {
    var text = (value || '').replace(/\s+/g, ' ').trim().slice(0, maxLength);
    return text || fallback;
  }

  /** The widget's own words, by language (data-language picks them, and the chat's language). */
  var UI_TEXTS = {
    en: { title: 'Questions? Ask us', close: 'Close chat', dismiss: 'Dismiss' },
    it: { title: 'Domande? Chiedi a noi', close: 'Chiudi la chat', dismiss: 'Chiudi' },
  };

  var language = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(data.language || '') ? data.language : document.documentElement.lang || navigator.language || 'en';
  var ui = UI_TEXTS[language.toLowerCase().split('-')[0]] || UI_TEXTS.en;

  var options = {
    title: cleanText(data.title, 80, ui.title),
    greeting: cleanText(data.greeting, 280, ''),
    accent: /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.accent || '') ? data.accent : '#0b5cad',
    position: data.position === 'left' ? 'left' : 'right',
    language: language,
    open: data.open === 'true',
  };

  /** Black or white text, whichever reads better on the accent colour. */
  function textOn(hex) {
    var full = hex.length === 4 ? '#' + hex[1] + hex[1] + hex[2] + hex[2] + hex[3] + hex[3] : hex;
    var sum = [1, 3, 5].reduce(function (total, start, index) {
      var c = parseInt(full.slice(start, start + 2), 16) / 255;
      var linear = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
      return total + linear * [0.2126, 0.7152, 0.0722][index];
    }, 0);
    return sum > 0.4 ? '#111111' : '#ffffff';
  }

  var side = options.position;
  var css = [
    // The host page's rules cannot restyle the widget: reset everything that could be inherited.
    ':host { all: initial !important; }',
    '* { box-sizing: border-box; }',
    '.launcher { position: fixed; bottom: 20px; ' + side + ': 20px; z-index: 2147483000; width: 60px; height: 60px;',
    '  border: 0; border-radius: 50%; background: var(--accent); color: var(--on-accent); cursor: pointer;',
    '  box-shadow: 0 4px 14px rgba(0,0,0,.25); display: flex; align-items: center; justify-content: center; padding: 0; }',
    '.launcher:hover { transform: scale(1.05); }',
    '.launcher:focus-visible, .close:focus-visible, .teaser-text:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }',
    '.launcher svg { width: 28px; height: 28px; fill: currentColor; }',
    '.teaser { position: fixed; bottom: 92px; ' + side + ': 20px; z-index: 2147483000; max-width: min(300px, calc(100vw - 40px));',
    '  display: flex; align-items: flex-start; gap: 4px; background: #fff; color: #1f2328; border-radius: 12px;',
    '  box-shadow: 0 4px 14px rgba(0,0,0,.18); font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }',
    '.teaser-text { all: unset; cursor: pointer; padding: 10px 0 10px 12px; }',
    '.teaser-close { all: unset; cursor: pointer; padding: 6px 10px; color: #59636e; font-size: 18px; line-height: 1; }',
    '.panel { position: fixed; bottom: 92px; ' + side + ': 20px; z-index: 2147483001; width: 380px; height: min(640px, calc(100vh - 112px));',
    '  display: flex; flex-direction: column; background: #fff; border-radius: 14px; overflow: hidden;',
    '  box-shadow: 0 8px 30px rgba(0,0,0,.3); font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }',
    '.panel[hidden], .teaser[hidden], .launcher[hidden] { display: none; }',
    '.header { flex: none; display: flex; align-items: center; justify-content: space-between; gap: 8px;',
    '  padding: 12px 8px 12px 16px; background: var(--accent); color: var(--on-accent); }',
    '.title { font-weight: 600; font-size: 16px; margin: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }',
    '.close { flex: none; width: 36px; height: 36px; border: 0; border-radius: 50%; background: transparent; color: inherit;',
    '  font-size: 24px; line-height: 1; cursor: pointer; padding: 0; }',
    '.close:hover { background: rgba(127,127,127,.25); }',
    '.frame { flex: 1 1 auto; width: 100%; border: 0; display: block; background: #f6f7f9; }',
    // Phones: the panel takes the whole screen; the launcher steps aside while it is open.
    '@media (max-width: 480px) {',
    '  .panel { inset: 0; width: 100%; height: 100%; height: 100dvh; border-radius: 0; }',
    '  .open .launcher { display: none; }',
    '}',
    '@media (prefers-reduced-motion: no-preference) { .launcher { transition: transform .15s ease; } }',
  ].join('\n');

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function applyStyles(root) {
    // Constructed style sheets are not inline styles, so they work under a strict host CSP.
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.appendChild(element('style', {}, css));
    }
  }

  /** A speech-bubble icon, built node by node (no innerHTML, so Trusted Types pages accept it). */
  function chatIcon() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute(
      'd',
      'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.3 1.3 0 1 0 0 2.6A1.3 1.3 0 0 0 7 10zm5 0a1.3 1.3 0 1 0 0 2.6 1.3 1.3 0 0 0 0-2.6zm5 0a1.3 1.3 0 1 0 0 2.6 1.3 1.3 0 0 0 0-2.6z',
    );
    svg.appendChild(path);
    return svg;
  }

  var HANDLE_KEY = 'chatWidget.conversation.v1';

  /**
   * The chat's conversation handle, kept in this (the host) page's own storage: the chat page in the
   * iframe is on another site, where browsers often block storage. It is handed only to the chat
   * frame, only at the bot's origin.
   */
  function savedHandle() {
    try {
      var handle = JSON.parse(window.sessionStorage.getItem(HANDLE_KEY) || 'null');
      return isHandle(handle) ? handle : null;
    } catch (error) {
      return null;
    }
  }

  function keepHandle(handle) {
    if (!isHandle(handle)) return;
    try {
      window.sessionStorage.setItem(HANDLE_KEY, JSON.stringify(handle));
    } catch (error) {
      // Storage unavailable: the chat starts afresh on the next page.
    }
  }

  function isHandle(value) {
    return !!value && typeof value.token === 'string' && typeof value.conversationId === 'string' && typeof value.domain === 'string' && value.token.length < 2048;
  }

  function chatUrl() {
    var query = new URLSearchParams({ embed: '1', host: window.location.origin, title: options.title, accent: options.accent, lang: options.language });
    if (options.greeting) query.set('greeting', options.greeting);
    return botOrigin + '/chat?' + query.toString();
  }

  function build() {
    var host = element('chat-widget', { 'data-chat-widget': '' });
    var root = host.attachShadow({ mode: 'open' });
    applyStyles(root);

    var wrapper = element('div', { class: 'widget' });
    wrapper.style.setProperty('--accent', options.accent);
    wrapper.style.setProperty('--on-accent', textOn(options.accent));

    var launcher = element('button', { class: 'launcher', type: 'button', 'aria-label': options.title, 'aria-expanded': 'false', 'aria-controls': 'chat-panel' });
    launcher.appendChild(chatIcon());

    var panel = element('section', { class: 'panel', id: 'chat-panel', role: 'dialog', 'aria-label': options.title, hidden: '' });
    var header = element('div', { class: 'header' });
    var title = element('h2', { class: 'title' }, options.title);
    var close = element('button', { class: 'close', type: 'button', 'aria-label': ui.close }, '\u00d7');
    header.appendChild(title);
    header.appendChild(close);
    panel.appendChild(header);

    var teaser = null;
    if (options.greeting && !dismissed()) {
      teaser = element('div', { class: 'teaser' });
      var teaserText = element('button', { class: 'teaser-text', type: 'button' }, options.greeting);
      var teaserClose = element('button', { class: 'teaser-close', type: 'button', 'aria-label': ui.dismiss }, '\u00d7');
      teaser.appendChild(teaserText);
      teaser.appendChild(teaserClose);
      teaserText.addEventListener('click', function () {
        setOpen(true);
      });
      teaserClose.addEventListener('click', hideTeaser);
    }

    var frame = null;

    function hideTeaser() {
      if (teaser) teaser.hidden = true;
      try {
        window.sessionStorage.setItem('chatWidget.teaserDismissed', '1');
      } catch (error) {
        // Storage unavailable: the teaser simply shows again on the next page.
      }
    }

    function setOpen(open) {
      // The chat (and Web Chat's bundle) loads only when first opened, so host pages stay fast.
      if (open && !frame) {
        frame = element('iframe', { class: 'frame', title: options.title, src: chatUrl(), allow: 'clipboard-write', referrerpolicy: 'strict-origin-when-cross-origin' });
        panel.appendChild(frame);
      }
      panel.hidden = !open;
      wrapper.classList.toggle('open', open);
      launcher.setAttribute('aria-expanded', String(open));
      if (open) {
        hideTeaser();
        frame.focus();
      } else {
        launcher.focus();
      }
    }

    launcher.addEventListener('click', function () {
      setOpen(panel.hidden);
    });
    close.addEventListener('click', function () {
      setOpen(false);
    });
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') setOpen(false);
    });
    // Messages from the chat page, and only from it: Escape pressed inside it, and its conversation handle.
    window.addEventListener('message', function (event) {
      if (!frame || event.source !== frame.contentWindow || event.origin !== botOrigin || !event.data) return;
      if (event.data.type === 'chat-widget:close') setOpen(false);
      else if (event.data.type === 'chat-widget:ready') frame.contentWindow.postMessage({ type: 'chat-widget:handle', conversation: savedHandle() }, botOrigin);
      else if (event.data.type === 'chat-widget:remember') keepHandle(event.data.conversation);
    });

    if (teaser) wrapper.appendChild(teaser);
    wrapper.appendChild(panel);
    wrapper.appendChild(launcher);
    root.appendChild(wrapper);
    document.body.appendChild(host);
    if (options.open) setOpen(true);
  }

  function dismissed() {
    try {
      return window.sessionStorage.getItem('chatWidget.teaserDismissed') === '1';
    } catch (error) {
      return false;
    }
  }

  /** The launcher appears only if the bot lets this site embed it (it says which, and logs the others). */
  function buildIfAllowed() {
    fetch(botOrigin + '/api/widget', { credentials: 'omit' })
      .then(function (response) {
        return response.ok ? response.json() : { allowed: false };
      })
      .then(function (answer) {
        if (answer && answer.allowed === true) build();
        else console.warn('chat widget: ' + window.location.origin + ' is not allowed to embed the chat of ' + botOrigin);
      })
      .catch(function () {
        console.warn('chat widget: ' + window.location.origin + ' is not allowed to embed the chat of ' + botOrigin + ', or it cannot be reached');
      });
  }

  if (document.body) buildIfAllowed();
  else document.addEventListener('DOMContentLoaded', buildIfAllowed);
})();
