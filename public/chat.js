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
      if (response.ok) return response.json();
      var error = new Error(url + ' answered ' + response.status);
      error.status = response.status;
      throw error;
    });
  }

  function isConversation(value) {
    return !!value && typeof value.token === 'string' && typeof value.conversationId === 'string' && typeof value.domain === 'string';
  }

  /** The conversation of this browser tab, so that moving between pages of a site keeps the chat. */
  function savedConversation() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || 'null');
      return isConversation(saved) ? saved : null;
    } catch (error) {
      return null; // storage blocked (third-party context) or corrupt: start afresh
    }
  }

  /**
   * Kept in this tab's storage and, inside the widget, by the host page: a cross-site iframe's
   * storage is often blocked, the host page's own never is.
   */
  function rememberConversation(conversation) {
    var handle = { token: conversation.token, conversationId: conversation.conversationId, userId: conversation.userId, domain: conversation.domain, webSocket: conversation.webSocket };
    if (host.origin) window.parent.postMessage({ type: 'chat-widget:remember', conversation: handle }, host.origin);
    try {
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(handle));
    } catch (error) {
      // Storage can be unavailable in a third-party iframe; the host page keeps the handle.
    }
  }

  /**
   * The same conversation with a fresh token. Only when the server says the token or the
   * conversation is no more does a new conversation start; while it cannot be reached
   * (a restart, a deploy), the error goes up and the caller tries again later.
   */
  function resumeConversation(saved) {
    return postJson(saved.domain + '/tokens/refresh', saved.token).then(
      function (refreshed) {
        return Object.assign({}, saved, { token: refreshed.token, resume: true });
      },
      function (error) {
        if (error.status === 403 || error.status === 404) return newConversation();
        throw error;
      },
    );
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

  var current = null; // the conversation shown, with the Direct Line connection it uses
  var reconnectDelay = 0;
  var reconnectTimer = null;

  /**
   * Connects again to the same conversation after the server was unreachable: with polling,
   * Direct Line JS stops for good after one failed poll; with a WebSocket it gives up once the
   * token has expired. Retries with a growing delay until the server answers.
   */
  function reconnect() {
    if (reconnectTimer) return;
    reconnectDelay = Math.min(reconnectDelay ? reconnectDelay * 2 : 500, 8000);
    reconnectTimer = window.setTimeout(function () {
      reconnectTimer = null;
      var previous = current;
      // The token Direct Line JS holds may be newer than the one stored (it refreshes by itself).
      var saved = Object.assign({}, previous.conversation, { token: previous.directLine.token || previous.conversation.token });
      resumeConversation(saved).then(
        function (conversation) {
          render(conversation, true);
        },
        reconnect,
      );
    }, reconnectDelay);
  }

  /** Polls that fail other than by the server's word (403, 404) stop Direct Line JS: watch them. */
  function watchPolls() {
    var open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, url) {
      if (current && method === 'GET' && String(url).indexOf('/conversations/' + current.conversation.conversationId + '/activities?') >= 0) {
        this.addEventListener('loadend', function () {
          if (this.status !== 200 && this.status !== 403 && this.status !== 404) reconnect();
        });
      }
      return open.apply(this, arguments);
    };
  }

  /** Renders Web Chat on the conversation; on a reconnection, into a fresh element, the whole transcript read again. */
  var tokenWatch = null;
  function render(conversation, again) {
    if (current) current.directLine.end();
    window.clearInterval(tokenWatch);
    rememberConversation(conversation);
    var directLine = window.WebChat.createDirectLine({
      token: conversation.token,
      domain: conversation.domain,
      webSocket: conversation.webSocket !== false,
      conversationId: conversation.resume ? conversation.conversationId : undefined,
    });
    current = { conversation: conversation, directLine: directLine };
    directLine.connectionStatus$.subscribe(function (status) {
      if (status === 2) reconnectDelay = 0; // online
      // 3: the token expired (e.g. a long outage); 4: gave up connecting.
      if ((status === 3 || status === 4) && current && current.directLine === directLine) reconnect();
    });
    var element = document.getElementById('webchat');
    if (again) {
      var fresh = element.cloneNode(false);
      element.parentNode.replaceChild(fresh, element);
      element = fresh;
    }
    window.WebChat.renderWebChat({ directLine: directLine, userID: conversation.userId || undefined, locale: options.locale, styleOptions: styleOptions() }, element);
    // Direct Line JS refreshes its token every 15 minutes: keep the newest one for the next page.
    var kept = conversation.token;
    tokenWatch = window.setInterval(function () {
      if (current && current.directLine === directLine && directLine.token && directLine.token !== kept) {
        kept = directLine.token;
        rememberConversation(Object.assign({}, conversation, { token: kept }));
      }
    }, 60000);
  }

  function start() {
    showStatus(false);
    if (!window.WebChat) {
      showStatus(true);
      return;
    }
    host.handle.then(function (handed) {
      var saved = handed || savedConversation();
      var conversation = saved ? resumeConversation(saved) : newConversation();
      conversation
        .then(function (started) {
          render(started, !!current);
        })
        .catch(function (error) {
          console.error('chat could not start', error);
          showStatus(true);
        });
    });
  }

  /**
   * Inside the widget: the host page's origin (from embed.js, checked on every message) and the
   * conversation handle it keeps for this tab, asked for once.
   */
  var host = { origin: '', handle: Promise.resolve(null) };
  function askHost() {
    var origin = options.embedded && window.parent !== window ? cleanOrigin(params.get('host')) : '';
    if (!origin) return;
    host.origin = origin;
    host.handle = new Promise(function (resolve) {
      window.addEventListener('message', function (event) {
        if (event.source !== window.parent || event.origin !== origin || !event.data || event.data.type !== 'chat-widget:handle') return;
        resolve(isConversation(event.data.conversation) ? event.data.conversation : null);
      });
      // A host page without the handshake (an older embed.js) never answers.
      window.setTimeout(function () {
        resolve(null);
      }, 3000);
      window.parent.postMessage({ type: 'chat-widget:ready' }, origin);
    });
  }

  function cleanOrigin(value) {
    try {
      var url = new URL(value || '');
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value ? value : '';
    } catch (error) {
      return '';
    }
  }

  /** Inside the widget, Escape closes the panel (the host page cannot see keys pressed in the iframe). */
  function forwardEscape() {
    if (!options.embedded || window.parent === window) return;
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && host.origin) window.parent.postMessage({ type: 'chat-widget:close' }, host.origin);
    });
  }

  applyPageOptions();
  askHost();
  forwardEscape();
  watchPolls();
  document.getElementById('chat-retry').addEventListener('click', start);
  start();
})();
