/*
 * The chat page: gets a Direct Line token from this server (which either speaks Direct Line itself
 * or exchanges its Azure secret), then renders Web Chat. Options come from the query string, set
 * by embed.js: title, greeting, accent, lang, embed=1.
 */
(function () {
  'use strict';

  var DEFAULT_ACCENT = '#0b5cad';
  var STORAGE_KEY = 'chat.directLine.v1';
  var params = new URLSearchParams(window.location.search);

  function cleanText(value, maxLength) {
    return (value || '').replace(/\s+/g, ' ').trim().slice(0, maxLength);
  }

  function cleanColour(value) {
    return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(value || '') ? value : '';
  }

  function cleanLocale(value) {
    return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(value || '') ? value : '';
  }

  /** Black or white, whichever reads better on the accent colour (WCAG relative luminance). */
  function textOn(hex) {
    var full = hex.length === 4 ? '#' + hex[1] + hex[1] + hex[2] + hex[2] + hex[3] + hex[3] : hex;
    var channels = [1, 3, 5].map(function (start) {
      var c = parseInt(full.slice(start, start + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    return luminance > 0.4 ? '#111111' : '#ffffff';
  }

  /** The page's own words, by language (Web Chat translates its own for the locale). */
  var UI_TEXTS = {
    en: { title: 'Chat', failed: 'The chat could not be started.', retry: 'Try again' },
    it: { title: 'Chat', failed: 'Non è stato possibile avviare la chat.', retry: 'Riprova' },
  };

  var accent = cleanColour(params.get('accent')) || DEFAULT_ACCENT;
  var options = {
    title: cleanText(params.get('title'), 80),
    greeting: cleanText(params.get('greeting'), 280),
    accent: accent,
    onAccent: textOn(accent),
    locale: cleanLocale(params.get('lang')) || navigator.language || 'en-US',
    embedded: params.get('embed') === '1',
  };
  var ui = UI_TEXTS[options.locale.toLowerCase().split('-')[0]] || UI_TEXTS.en;

  function applyPageOptions() {
    options.title = options.title || ui.title;
    document.title = options.title;
    document.documentElement.lang = options.locale;
    document.getElementById('chat-status-text').textContent = ui.failed;
    document.getElementById('chat-retry').textContent = ui.retry;
    document.documentElement.style.setProperty('--accent', options.accent);
    document.documentElement.style.setProperty('--on-accent', options.onAccent);
    document.body.classList.toggle('embedded', options.embedded);
    document.getElementById('chat-title').textContent = options.title;
    var greeting = document.getElementById('chat-greeting');
    greeting.textContent = options.greeting;
    greeting.hidden = !options.greeting;
  }

  /** Web Chat's own styling hooks: readable bubbles, stacked follow-up buttons, no upload button. */
  function styleOptions() {
    return {
      accent: options.accent,
      primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
      backgroundColor: '#f6f7f9',
      rootHeight: '100%',
      rootWidth: '100%',
      paddingRegular: 10,
      paddingWide: 12,
      bubbleBackground: '#ffffff',
      bubbleBorderColor: '#dfe3e8',
      bubbleBorderWidth: 1,
      bubbleBorderRadius: 14,
      bubbleNubSize: 0,
      bubbleTextColor: '#1f2328',
      bubbleFromUserBackground: options.accent,
      bubbleFromUserTextColor: options.onAccent,
      bubbleFromUserBorderWidth: 0,
      bubbleFromUserBorderRadius: 14,
      bubbleFromUserNubSize: 0,
      bubbleMaxWidth: 640,
      bubbleMinHeight: 0,
      markdownRespectCRLF: true,
      groupTimestamp: 300000,
      // Follow-up questions are sentences: stack them and let long ones wrap instead of cutting them off.
      suggestedActionLayout: 'stacked',
      suggestedActionsStackedLayoutButtonTextWrap: true,
      suggestedActionsStackedHeight: 220,
      suggestedActionsStackedOverflow: 'auto',
      suggestedActionHeight: 36,
      suggestedActionBorderRadius: 18,
      suggestedActionBorderWidth: 1,
      suggestedActionBorderColor: options.accent,
      suggestedActionBackgroundColor: '#ffffff',
      suggestedActionTextColor: options.accent,
      suggestedActionBackgroundColorOnHover: options.accent,
      suggestedActionTextColorOnHover: options.onAccent,
      suggestedActionBorderColorOnHover: options.accent,
      hideUploadButton: true,
      sendBoxHeight: 52,
      sendBoxButtonColor: options.accent,
      sendBoxButtonColorOnHover: options.accent,
      sendBoxBorderTop: 'solid 1px #dfe3e8',
      sendBoxTextWrap: true,
    };
  }

  function postJson(url, token) {
    var headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(url, { method: 'POST', headers: headers, credentials: 'omit' }).then(function (response) {
      if (!response.ok) throw new Error(url + ' answered ' + response.status);
      return response.json();
    });
  }

  /** The conversation of this browser tab, so that moving between pages of a site keeps the chat. */
  function savedConversation() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || 'null');
      return saved && saved.token && saved.conversationId && saved.domain ? saved : null;
    } catch (error) {
      return null; // storage blocked (third-party context) or corrupt: start afresh
    }
  }

  function rememberConversation(conversation) {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(conversation));
    } catch (error) {
      // Storage can be unavailable in a third-party iframe; the chat still works for this page.
    }
  }

  function resumeConversation(saved) {
    return postJson(saved.domain + '/tokens/refresh', saved.token).then(function (refreshed) {
      return Object.assign({}, saved, { token: refreshed.token, resume: true });
    });
  }

  function newConversation() {
    // The locale goes with the token request, so that the welcome is already in the page's language.
    return postJson('/api/directline/token?locale=' + encodeURIComponent(options.locale)).then(function (issued) {
      return Object.assign({}, issued, { resume: false });
    });
  }

  function showStatus(visible) {
    document.getElementById('chat-status').hidden = !visible;
  }

  function start() {
    showStatus(false);
    if (!window.WebChat) {
      showStatus(true);
      return;
    }
    var saved = savedConversation();
    var conversation = saved ? resumeConversation(saved).catch(newConversation) : newConversation();
    conversation
      .then(function (current) {
        rememberConversation({ token: current.token, conversationId: current.conversationId, userId: current.userId, domain: current.domain, webSocket: current.webSocket });
        var directLine = window.WebChat.createDirectLine({
          token: current.token,
          domain: current.domain,
          webSocket: current.webSocket !== false,
          conversationId: current.resume ? current.conversationId : undefined,
        });
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            userID: current.userId || undefined,
            locale: options.locale,
            styleOptions: styleOptions(),
          },
          document.getElementById('webchat'),
        );
      })
      .catch(function (error) {
        console.error('chat could not start', error);
        showStatus(true);
      });
  }

  /** Inside the widget, Escape closes the panel (the host page cannot see keys pressed in the iframe). */
  function forwardEscape() {
    if (!options.embedded || window.parent === window) return;
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') window.parent.postMessage({ type: 'chat-widget:close' }, '*');
    });
  }

  applyPageOptions();
  forwardEscape();
  document.getElementById('chat-retry').addEventListener('click', start);
  start();
})();
