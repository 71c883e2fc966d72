// Webmail login-form helper. Injected by ui/webmail/signin.py into the top frame of a
// page on the provider's own origin only, in QtWebEngine's ApplicationWorld: the page's scripts
// share the DOM but cannot see these functions or call the bridge.
//
// __zndLogin.start(options) waits for a login form (it may be drawn by script after load, as OX
// App Suite does) and reports to Python through QWebChannel; __zndLogin.fill(...) puts the
// credentials in and submits. Nothing here stores, logs or sends the password anywhere but the
// form field and, for "remember password?", the bridge.
(function () {
  'use strict';
  if (window.__zndLogin) {
    return;
  }

  var KNOWN = [
    { kind: 'roundcube', user: '#rcmloginuser', pass: '#rcmloginpwd' },
    { kind: 'ox', user: '#io-ox-login-username', pass: '#io-ox-login-password' }
  ];
  // Seen only once signed in (Roundcube's mail, settings and address book; OX's app bar): with
  // one of these and no login form there is no need to wait for a late form.
  var SIGNED_IN = ['#messagelist', '#mailboxlist', 'body.task-mail', 'body.task-settings',
    'body.task-addressbook', '#io-ox-appcontrol', '#io-ox-core:not(.hidden)'];
  // Sign-in buttons of pages whose fields sit outside a <form> (script-driven logins).
  var KNOWN_BUTTONS = ['#io-ox-login-button', '#rcmloginsubmit'];
  // The page's own logout controls (Roundcube elastic and larry, OX). Their click handlers add
  // what the provider wants with it: Roundcube refuses a logout without its request token.
  var LOGOUT_CONTROLS = ['a.logout', 'a.button-logout', 'a[href*="_task=logout"]',
    '[data-action="logout"]', '[data-name="logout"]'];
  var TEXT_TYPES = { '': true, text: true, email: true };
  // Where a login page says why it refused (Roundcube's message stack, OX's login feedback):
  // "Too many failed login attempts" needs other advice than a wrong password.
  var NOTICES = ['#messagestack .error', '#messagestack .warning', '#io-ox-login-feedback',
    '[role=alert]'];

  var state = {
    bridge: null,
    token: '',
    origin: '',
    hints: { username: [], password: [], signedIn: [] },
    autoSubmitting: false,
    found: null,
    captureInstalled: false,
    timeoutMs: 8000
  };

  function topLevelOnExpectedOrigin(expected) {
    // Python checked the origin before injecting; checking again here covers a navigation in
    // between (the document changed, this world went with it, or we are in a frame after all).
    return window.top === window && location.origin === expected;
  }

  function visible(el) {
    if (!el || el.disabled || el.type === 'hidden') {
      return false;
    }
    if (!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)) {
      return false;
    }
    var style = window.getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  }

  function query(selector) {
    try {
      return document.querySelector(selector);
    } catch (e) {
      return null; // a bad selector in a user's providers.json must not stop the rest
    }
  }

  function firstVisible(selectors) {
    for (var i = 0; i < selectors.length; i++) {
      var el = query(selectors[i]);
      if (visible(el)) {
        return el;
      }
    }
    return null;
  }

  function pair(kind, user, pass) {
    if (!user || !pass || !visible(user) || !visible(pass)) {
      return null;
    }
    if (user.form !== pass.form) {
      return null;
    }
    return { kind: kind, user: user, pass: pass, form: pass.form };
  }

  function generic() {
    // The visible password field and the text/e-mail field before it, in the same form. A form
    // with two visible password fields is a sign-up or change-password form: not ours to fill.
    var passwords = Array.prototype.filter.call(
      document.querySelectorAll('input[type=password]'), visible);
    if (passwords.length === 0) {
      return null;
    }
    var pass = passwords[0];
    var scope = pass.form ? pass.form.elements : document.querySelectorAll('input');
    var inScope = Array.prototype.filter.call(scope, function (el) {
      return el.type === 'password' && visible(el);
    });
    if (inScope.length !== 1) {
      return null;
    }
    var user = null;
    for (var i = 0; i < scope.length && scope[i] !== pass; i++) {
      var el = scope[i];
      if (el.tagName === 'INPUT' && TEXT_TYPES[(el.getAttribute('type') || '').toLowerCase()]
          && visible(el)) {
        user = el;
      }
    }
    return pair('generic', user, pass);
  }

  function find() {
    var hinted = pair('hint', firstVisible(state.hints.username || []),
      firstVisible(state.hints.password || []));
    if (hinted) {
      return hinted;
    }
    for (var i = 0; i < KNOWN.length; i++) {
      var known = pair(KNOWN[i].kind, query(KNOWN[i].user), query(KNOWN[i].pass));
      if (known) {
        return known;
      }
    }
    return generic();
  }

  function submitter(found) {
    // The button our fill would press: its formaction/formmethod win over the form's own.
    return submitButton(found.form);
  }

  function effectiveTarget(found) {
    // Where the browser would send the form, and how: {action: absolute URL, method}. A login
    // whose fields sit outside a form is sent by the page's own script from this origin.
    if (!found.form) {
      return { action: location.href, method: 'post', scripted: true };
    }
    var button = submitter(found);
    var action = found.form.action || location.href;
    var method = (found.form.getAttribute('method') || 'get').toLowerCase();
    if (button && button.hasAttribute('formaction')) {
      action = button.formAction;
    }
    if (button && button.hasAttribute('formmethod')) {
      method = (button.getAttribute('formmethod') || 'get').toLowerCase();
    }
    try {
      action = new URL(action, location.href).href;
    } catch (e) {
      action = '';
    }
    return { action: action, method: method, scripted: false };
  }

  function safeTarget(found, expectedOrigin) {
    // The password may only travel in a POST body to exactly this origin (scheme, host, port):
    // never in a URL (a GET form), never to a look-alike on another port or host.
    var target = effectiveTarget(found);
    if (target.scripted) {
      return true;
    }
    var origin = '';
    try {
      origin = new URL(target.action).origin;
    } catch (e) {
      return false;
    }
    return target.method === 'post' && origin === expectedOrigin;
  }

  function signedIn() {
    var markers = SIGNED_IN.concat(state.hints.signedIn || []);
    for (var i = 0; i < markers.length; i++) {
      if (query(markers[i])) {
        return true;
      }
    }
    return false;
  }

  function notice() {
    // The page's own words about the last sign-in, as plain text (at most one line's worth).
    for (var i = 0; i < NOTICES.length; i++) {
      var el = query(NOTICES[i]);
      var text = el && visible(el) ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '';
      if (text) {
        return text.slice(0, 200);
      }
    }
    return '';
  }

  function report(method) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (state.bridge && typeof state.bridge[method] === 'function') {
      state.bridge[method].apply(state.bridge, [state.token].concat(args));
    }
  }

  function onSubmit(event) {
    // The user signs in by typing: hand the pair to Python once, for "remember password?".
    if (state.autoSubmitting || !topLevelOnExpectedOrigin(state.origin)) {
      return;
    }
    var found = find();
    if (!found || (found.form && event.target !== found.form)) {
      return;
    }
    if (found.pass.value && found.user.value) {
      report('submitted', found.user.value, found.pass.value);
      watchGone();
    }
  }

  function watchGone() {
    // A single-page webmail signs in without loading a page: the form just goes away. (A
    // classic one loads the next page, and this document with its timers goes first.)
    var started = Date.now();
    var poll = setInterval(function () {
      if (!find()) {
        clearInterval(poll);
        report('noForm');
      } else if (Date.now() - started > state.timeoutMs) {
        clearInterval(poll);
      }
    }, 250);
  }

  function installCapture() {
    if (!state.captureInstalled) {
      state.captureInstalled = true;
      // Capture phase on the document: runs before the page's own handlers can stop it.
      document.addEventListener('submit', onSubmit, true);
    }
  }

  function watch(timeoutMs) {
    var done = false;
    var observer = null;
    var poll = 0;
    var timer = 0;

    function stop() {
      done = true;
      if (observer) {
        observer.disconnect();
      }
      clearInterval(poll);
      clearTimeout(timer);
    }

    function check() {
      if (done) {
        return;
      }
      var found = find();
      if (found) {
        stop();
        state.found = found;
        installCapture();
        var target = effectiveTarget(found);
        report('formFound', found.kind, target.action, target.method, notice());
      } else if (signedIn()) {
        stop();
        report('noForm');
      }
    }

    check();
    if (done) {
      return;
    }
    observer = new MutationObserver(check);
    observer.observe(document.documentElement, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: ['style', 'class', 'hidden']
    });
    // A stylesheet can reveal a form without a DOM mutation; a slow poll catches that.
    poll = setInterval(check, 250);
    timer = setTimeout(function () {
      if (!done) {
        stop();
        report('noForm');
      }
    }, timeoutMs);
  }

  function setValue(el, value) {
    // The native setter plus input/change events, so frameworks that keep their own model of
    // the field (OX uses Backbone) see the value too.
    var setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    el.focus();
    setter.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function submitButton(form) {
    if (form) {
      return form.querySelector('button[type=submit], input[type=submit], button:not([type])');
    }
    return firstVisible(KNOWN_BUTTONS);
  }

  window.__zndLogin = {
    signOut: function () {
      // The user chose Uitloggen in our menu: press the page's own logout, as they would.
      if (!topLevelOnExpectedOrigin(state.origin)) {
        return 'wrong-origin';
      }
      for (var i = 0; i < LOGOUT_CONTROLS.length; i++) {
        var control = query(LOGOUT_CONTROLS[i]);
        if (control) {
          control.click();
          return 'clicked';
        }
      }
      return 'none';
    },

    start: function (options) {
      state.token = options.token;
      state.origin = options.origin;
      state.hints = options.hints || state.hints;
      state.timeoutMs = options.timeoutMs;
      if (!topLevelOnExpectedOrigin(state.origin)) {
        return 'wrong-origin';
      }
      new QWebChannel(qt.webChannelTransport, function (channel) {
        state.bridge = channel.objects.zndLogin;
        watch(options.timeoutMs);
      });
      return 'started';
    },

    fill: function (token, username, password, expectedOrigin, submit) {
      if (token !== state.token || !topLevelOnExpectedOrigin(expectedOrigin)) {
        return 'wrong-origin';
      }
      var found = find();
      if (!found) {
        return 'no-form';
      }
      if (!safeTarget(found, expectedOrigin)) {
        return 'unsafe-form';
      }
      setValue(found.user, username);
      setValue(found.pass, password);
      if (!submit) {
        return 'filled';
      }
      // The page's own input/change handlers ran while we filled: look again right before the
      // password leaves, and take it back out if the form now points elsewhere.
      if (!safeTarget(found, expectedOrigin) || !topLevelOnExpectedOrigin(expectedOrigin)) {
        setValue(found.pass, '');
        return 'unsafe-form';
      }
      state.autoSubmitting = true;
      try {
        var button = submitButton(found.form);
        if (button) {
          button.click(); // the page's own click handlers run, as for a person
        } else if (found.form && found.form.requestSubmit) {
          found.form.requestSubmit();
        } else if (found.form) {
          found.form.submit();
        } else {
          return 'filled';
        }
      } finally {
        state.autoSubmitting = false;
      }
      watchGone();
      return 'submitted';
    }
  };
})();
