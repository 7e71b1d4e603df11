// LeadSync ops console: plain JavaScript over the HTTP API of docs/api.md, nothing else.
// Every value from the API reaches the page through textContent, never as HTML.
'use strict';

(() => {
  const STATUS_EVERY_MS = 10000;
  const ACTIVITY_PAGE = 50;
  const ERRORS_PAGE = 100;
  const CYCLES_PAGE = 20;
  // The sign-in lasts as long as the browser tab (sessionStorage): a reload keeps it, closing the tab or
  // "Sign out" ends it. Nothing is kept in localStorage or cookies.
  const SIGN_IN_KEY = 'leadsync.signin';

  let credentials = null; // { user, header, role, canWrite }
  let statusTimer = null;
  let chart = null;
  let chartRange = '1h';

  const $ = (id) => document.getElementById(id);

  // ---- the API --------------------------------------------------------------------------------

  class ApiFailure extends Error {
    constructor(status, body) {
      super(body.message || ('Status ' + status));
      this.status = status;
      this.body = body;
    }
  }

  function basic(user, password) {
    // UTF-8 first: btoa alone fails on characters outside Latin-1, and the server decodes UTF-8.
    const bytes = new TextEncoder().encode(user + ':' + password);
    let binary = '';
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return 'Basic ' + btoa(binary);
  }

  // Paths are relative to the page ("api/..."), so the console works at / and under a context path.
  function apiUrl(path, params) {
    const url = new URL(path, document.baseURI);
    Object.entries(params || {}).forEach(([key, value]) => {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
    });
    return url;
  }

  async function api(path, { method = 'GET', params, body, accept = 'application/json', header } = {}) {
    const headers = { Accept: accept };
    const auth = header || (credentials && credentials.header);
    if (auth) headers.Authorization = auth;
    const init = {
      method, headers,
      // 'omit' keeps the browser's own sign-in dialog away on a 401: the console shows the message itself.
      credentials: 'omit',
      cache: 'no-store',
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(apiUrl(path, params), init);
    } catch (e) {
      throw new ApiFailure(0, { error: 'network', message: 'LeadSync could not be reached. Check the network and try again.' });
    }
    if (!response.ok) throw new ApiFailure(response.status, await errorBody(response));
    return accept === 'application/json' ? response.json() : response.blob();
  }

  async function errorBody(response) {
    try {
      const body = await response.json();
      if (body && typeof body === 'object') return body;
    } catch (e) { /* not JSON: a proxy or the container answered */ }
    return { error: 'http-' + response.status, message: 'The server answered with an error (' + response.status + ').' };
  }

  // ---- words and times for people -------------------------------------------------------------------

  // Server sentences may cite the rule book ("(R8)", "docs/sync-rules.md R2") or name JSON paths
  // ("mappings[0].leadField"); users see neither.
  const COLUMN_WORDS = { marketoField: 'Marketo field', leadField: 'lead attribute', contactField: 'contact attribute' };
  function plain(message) {
    if (message === null || message === undefined) return '';
    return String(message)
      .replace(/\s*\((?:see )?(?:docs\/)?[\w-]+\.md[^)]*\)/g, '')
      .replace(/\s*\(R\d+[a-z]?(?:[,;/ ]+R\d+[a-z]?)*\)/g, '')
      .replace(/\s*(?:docs\/)?[\w-]+\.md\s*(?:R\d+)?/g, '')
      .replace(/mappings\[(\d+)\](?:\.(\w+))?/g, (m, i, col) => 'row ' + (Number(i) + 1) + (col ? ', ' + (COLUMN_WORDS[col] || col) : ''))
      .replace(/\bHTTP Basic\b/g, 'your user name and password')
      .trim();
  }

  const text = (value) => (value === null || value === undefined || value === '' ? '—' : String(value));
  const number = (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US'));

  function exactUtc(iso) {
    return new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', ' UTC');
  }

  function relative(iso) {
    const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
    const abs = Math.abs(seconds);
    const [n, unit] = abs < 45 ? [abs, 'second'] : abs < 2700 ? [Math.round(abs / 60), 'minute']
      : abs < 64800 ? [Math.round(abs / 3600), 'hour'] : [Math.round(abs / 86400), 'day'];
    if (abs < 5) return seconds >= 0 ? 'in a moment' : 'just now';
    const words = n + ' ' + unit + (n === 1 ? '' : 's');
    return seconds >= 0 ? 'in ' + words : words + ' ago';
  }

  // A time as people read it ("3 minutes ago"), the exact UTC instant on hover and for assistive technology.
  function when(iso) {
    if (!iso) return document.createTextNode('—');
    return el('time', { dateTime: iso, title: exactUtc(iso) }, relative(iso));
  }

  // ISO-8601 durations (PT4.512S, PT2M, P1DT3H) as "4.5 s", "2 min", "1 d 3 h".
  function duration(iso) {
    if (!iso) return '—';
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(iso);
    if (!m) return iso;
    const [, d, h, min, s] = m;
    const parts = [];
    if (d) parts.push(d + ' d');
    if (h) parts.push(h + ' h');
    if (min) parts.push(min + ' min');
    if (s) parts.push((Number(s) < 10 ? Number(Number(s).toFixed(1)) : Math.round(Number(s))) + ' s');
    return parts.length ? parts.join(' ') : '0 s';
  }

  const OUTCOMES = {
    running: 'Running', finished: 'Finished', failed: 'Failed', throttled: 'Slowed down by a vendor',
    interrupted: 'Interrupted', 'stopped-quota': 'Stopped: Marketo daily quota', 'stopped-paused': 'Stopped: paused',
    'lost-lease': 'Stopped: another instance took over',
  };
  const STATES = { idle: 'Idle, waiting for the next cycle', running: 'A cycle is running', paused: 'Paused' };
  const TYPES = {
    'created-in-marketo': 'Created in Marketo', 'created-in-dynamics': 'Created in Dynamics',
    'updated-in-marketo': 'Updated in Marketo', 'updated-in-dynamics': 'Updated in Dynamics',
    collision: 'Edited on both sides', 'sync-failed': 'Sync failed', 'deleted-in-dynamics': 'Deleted in Dynamics',
    'deleted-in-marketo': 'Deleted in Marketo', 'filtered-out': 'Stopped syncing', 'filtered-in': 'Syncing again',
    'converted-to-contact': 'Qualified into a contact', 'sync-person-to-microsoft': 'Sync Person to Microsoft (flow action)',
  };
  const DIRECTIONS = { 'to-dynamics': 'Marketo to Dynamics', 'to-marketo': 'Dynamics to Marketo' };
  const LINK_STATES = { active: 'Linked and syncing', 'deleted-in-dynamics': 'Record deleted in Dynamics', 'filtered-out': 'Linked, not syncing (filtered out)' };
  const FEEDS = { marketo: 'Marketo changes', 'dynamics.leads': 'Dynamics leads', 'dynamics.contacts': 'Dynamics contacts' };
  const INITIAL = { pending: 'Initial sync not started', running: 'Initial sync running', done: 'Initial sync done' };

  // ---- small DOM helpers ------------------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (value === undefined || value === null || value === false) return;
      if (key === 'class') node.className = value;
      else if (key in node && typeof node[key] !== 'object') node[key] = value;
      else node.setAttribute(key, value);
    });
    children.flat(Infinity).forEach((child) => {
      if (child === null || child === undefined) return;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  // A table row whose cells carry their column's name, so narrow screens can show each row as a card.
  function cells(table, values, props) {
    const heads = Array.from($(table).tHead.rows[0].cells).map((th) => th.textContent.trim());
    return el('tr', props || {}, values.map((v, i) => el('td', { 'data-label': heads[i] || '' },
      v instanceof Node ? v : text(v))));
  }

  function say(target, message, kind) {
    const box = $(target);
    box.replaceChildren();
    box.className = 'message' + (kind ? ' ' + kind : '');
    if (message) box.append(message);
  }

  // A failed call as a person reads it.
  function describe(failure) {
    if (!(failure instanceof ApiFailure)) return el('span', {}, 'Something went wrong in the console: ' + failure.message);
    if (failure.status === 401) return el('span', {}, 'The user name or password is not right, or the sign-in has ended.');
    if (failure.status === 403) return el('span', {}, 'Your user may look but not change anything.');
    const details = Array.isArray(failure.body.details) ? failure.body.details : [];
    const own = details.length === 1 && plain(details[0].message) === plain(failure.body.message);
    return el('span', {}, plain(failure.body.message) || 'The request was refused.',
      details.length && !own ? el('ul', {}, details.map((d) => el('li', {}, plain(d.message)))) : null);
  }

  function fail(target, failure) {
    say(target, describe(failure), 'error');
    if (failure instanceof ApiFailure && failure.status === 401) signOut('Your sign-in is no longer accepted. Please sign in again.');
  }

  function busy(button, on) {
    button.disabled = on;
    button.setAttribute('aria-busy', String(on));
  }

  // ---- sign-in ----------------------------------------------------------------------------------

  async function signIn(event) {
    event.preventDefault();
    const user = $('user').value.trim();
    const header = basic(user, $('password').value);
    say('signin-message', 'Signing in…');
    try {
      const me = await api('api/me', { header });
      $('password').value = '';
      start({ user: me.user, header, role: me.role, canWrite: me.canWrite });
    } catch (failure) {
      say('signin-message', describe(failure), 'error');
    }
  }

  // body[data-session]: resuming, signed-in or signed-out, for scripts and tests that must know which
  function session(state) {
    document.body.dataset.session = state;
  }

  function start(signedIn) {
    credentials = signedIn;
    session('signed-in');
    sessionStorage.setItem(SIGN_IN_KEY, JSON.stringify(signedIn));
    say('signin-message', '');
    $('signin').hidden = true;
    $('signedin-user').textContent = signedIn.user;
    $('signedin-role').textContent = signedIn.canWrite ? 'may change settings' : 'read only';
    $('signedin').hidden = false;
    $('sections').hidden = false;
    $('app').hidden = false;
    // A viewer is offered no control that the server would refuse.
    document.querySelectorAll('.write').forEach((node) => { node.hidden = !signedIn.canWrite; });
    document.body.classList.toggle('viewer', !signedIn.canWrite);
    statusTimer = setInterval(refreshStatus, STATUS_EVERY_MS);
    route();
  }

  function signOut(reason) {
    credentials = null;
    session('signed-out');
    sessionStorage.removeItem(SIGN_IN_KEY);
    clearInterval(statusTimer);
    statusTimer = null;
    // Drop everything shown, so nothing read with the old credentials stays on screen.
    ['status-body', 'backlog-body', 'quota-body', 'mapping-rows', 'status-updated', 'person-body', 'alerts-body', 'template-body']
      .forEach((id) => $(id).replaceChildren());
    ['errors-table', 'groups-table', 'activity-table', 'cycles-table'].forEach((id) => $(id).tBodies[0].replaceChildren());
    ['status-message', 'errors-message', 'person-message', 'fields-message', 'alerts-message'].forEach((id) => say(id, ''));
    $('app').hidden = true;
    $('sections').hidden = true;
    $('signedin').hidden = true;
    $('signin').hidden = false;
    say('signin-message', reason || '', reason ? 'error' : '');
    $('password').focus();
  }

  async function resume() {
    const saved = sessionStorage.getItem(SIGN_IN_KEY);
    if (!saved) {
      session('signed-out');
      $('password').focus();
      return;
    }
    session('resuming');
    try {
      const kept = JSON.parse(saved);
      const me = await api('api/me', { header: kept.header });
      // someone who signed in by hand meanwhile keeps that sign-in
      if (!credentials) start({ user: me.user, header: kept.header, role: me.role, canWrite: me.canWrite });
    } catch (failure) {
      if (!credentials) {
        sessionStorage.removeItem(SIGN_IN_KEY);
        session('signed-out');
        say('signin-message', 'Please sign in again.', '');
      }
    }
  }

  // ---- views ------------------------------------------------------------------------------------

  const VIEWS = ['status', 'errors', 'person', 'fields', 'alerts'];
  const loaded = {};

  function route() {
    if (!credentials) return;
    const [name, arg] = decodeURIComponent(location.hash.replace(/^#/, '')).split('/');
    const view = VIEWS.includes(name) ? name : 'status';
    VIEWS.forEach((v) => {
      $('view-' + v).hidden = v !== view;
      const link = document.querySelector('nav a[data-view="' + v + '"]');
      if (v === view) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    });
    if (view === 'status') refreshStatus();
    if (view === 'errors' && !loaded.errors) { loaded.errors = true; searchErrors(); }
    if (view === 'fields' && !loaded.fields) { loaded.fields = true; loadFieldSetup(false); }
    if (view === 'alerts') loadAlerts();
    if (view === 'person' && arg) {
      $('person-query').value = arg;
      findPerson();
    }
  }

  // ---- status -------------------------------------------------------------------------------------

  async function refreshStatus() {
    if (!credentials || $('view-status').hidden) return;
    try {
      const [status, backlog, quotas] = await Promise.all([
        api('api/sync/status'), api('api/sync/backlog'), api('api/sync/quotas')]);
      showStatus(status);
      showBacklog(backlog);
      showQuotas(quotas);
      $('status-updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
      await Promise.all([showThroughput(), loadCycles(true)]);
    } catch (failure) {
      fail('status-message', failure);
    }
  }

  async function control(action, button) {
    busy(button, true);
    try {
      showStatus(await api('api/sync/' + action, { method: 'POST', body: {} }));
      say('status-message', action === 'pause' ? 'Sync paused. No cycle starts until you resume.' : 'Sync resumed.', 'ok');
      // the pressed button is gone now: keep the keyboard user on the one that undoes it
      $(action === 'pause' ? 'resume' : 'pause').focus();
    } catch (failure) {
      button.disabled = false;
      fail('status-message', failure);
    } finally {
      button.setAttribute('aria-busy', 'false');
    }
  }

  function figures(rows) {
    return el('dl', { class: 'figures' }, rows.map(([name, value]) => [el('dt', {}, name),
      el('dd', {}, value instanceof Node ? value : text(value))]));
  }

  function showStatus(s) {
    const cycle = s.lastCycle;
    const rows = [
      ['State', STATES[s.state] || s.state],
      ['Next cycle', s.paused ? 'not until resumed' : when(s.nextCycleAt)],
      ['Time between cycles', duration(s.interval)],
      ['Failures in the last 24 hours', number(s.errorsLast24h)],
      ['Last cycle', cycle ? el('span', {}, (OUTCOMES[cycle.outcome] || cycle.outcome) + ', ', when(cycle.finishedAt)) : 'none yet'],
    ];
    if (s.links) {
      rows.push(['Linked persons', number(s.links.active) + ' syncing, ' + number(s.links.deletedInDynamics)
        + ' deleted in Dynamics, ' + number(s.links.filteredOut) + ' not syncing']);
    }
    if (s.flowActions) {
      rows.push(['Flow-action calls waiting', s.flowActions.pending
        ? el('span', {}, number(s.flowActions.pending) + ', oldest accepted ', when(s.flowActions.oldestAcceptedAt)) : 'none']);
    }
    $('status-body').replaceChildren(figures(rows));
    // Only the button that changes something is offered: Pause while running, Resume while paused.
    $('pause').hidden = !credentials.canWrite || s.paused;
    $('resume').hidden = !credentials.canWrite || !s.paused;
    $('pause').disabled = s.paused;
    $('resume').disabled = !s.paused;
  }

  function showBacklog(b) {
    const rows = Object.entries(b.feeds || {}).map(([name, feed]) => {
      const parts = [];
      parts.push(feed.readUpTo ? el('span', {}, 'synced up to ', when(feed.readUpTo)) : 'not read yet');
      if (feed.pagesWaiting) parts.push('; more pages of the current read are waiting');
      if (feed.initialSync) {
        parts.push('; ' + (INITIAL[feed.initialSync.state] || feed.initialSync.state) + ', '
          + number(feed.initialSync.linked) + ' linked');
      }
      return [FEEDS[name] || name, el('span', {}, parts)];
    });
    if (b.dynamicsRowsReadLastHour) rows.push(['Dynamics rows read in the last hour', number(b.dynamicsRowsReadLastHour)]);
    rows.push(['Flow-action calls queued', number(b.flowActions && b.flowActions.pending)]);
    rows.push(['Newly mapped fields waiting to be filled', number(b.fieldsToFill)]);
    $('backlog-body').replaceChildren(figures(rows));
  }

  function bar(label, use, extra) {
    const percent = Math.min(100, use.percent || 0);
    const id = 'quota-' + label.replace(/\W+/g, '-').toLowerCase();
    return el('div', { class: 'quota' + (percent >= 90 ? ' high' : percent >= 70 ? ' warn' : '') },
      el('label', { htmlFor: id }, label + ': ' + number(use.used) + ' of ' + number(use.limit) + ' (' + use.percent + ' %)'),
      el('meter', { id, min: 0, max: 100, low: 70, high: 90, optimum: 0, value: percent }, use.percent + ' %'),
      extra || null);
  }

  function showQuotas(q) {
    $('quota-body').replaceChildren(
      bar('Marketo calls today', q.marketo.daily, el('p', { class: 'hint' }, 'Resets ', when(q.marketo.daily.resetsAt))),
      bar('Marketo calls in the last 20 seconds', q.marketo.window20s),
      bar('Dynamics calls in the last 5 minutes', q.dynamics.window5min));
  }

  function themeColors() {
    const style = getComputedStyle(document.body);
    return { ink: style.getPropertyValue('--ink').trim(), line: style.getPropertyValue('--line').trim(),
      read: style.getPropertyValue('--accent').trim(), written: style.getPropertyValue('--ok').trim(),
      failed: style.getPropertyValue('--error').trim() };
  }

  async function showThroughput() {
    const t = await api('api/sync/throughput', { params: { range: chartRange } });
    const points = t.points || [];
    const xs = points.map((p) => new Date(p.at).getTime() / 1000);
    const data = [xs, points.map((p) => p.read), points.map((p) => p.written), points.map((p) => p.failed)];
    const sum = (k) => points.reduce((a, p) => a + p[k], 0);
    const label = { '1h': 'last hour', '24h': 'last 24 hours', '5d': 'last 5 days' }[t.range];
    $('throughput-caption').textContent = 'Records per ' + duration(t.bucket) + ', ' + label + ': '
      + number(sum('read')) + ' read, ' + number(sum('written')) + ' written, ' + number(sum('failed')) + ' failed in '
      + number(sum('cycles')) + ' cycles.';
    const box = $('throughput-chart');
    if (typeof window.uPlot !== 'function') return; // the caption still tells the figures
    const width = Math.max(240, box.clientWidth || 600);
    if (chart && chart.range === t.range && chart.width === width) {
      chart.plot.setData(data);
      return;
    }
    if (chart) chart.plot.destroy();
    const c = themeColors();
    const axis = { stroke: c.ink, grid: { stroke: c.line }, ticks: { stroke: c.line } };
    const plot = new window.uPlot({
      width, height: 220,
      series: [{}, { label: 'Read', stroke: c.read, width: 2 }, { label: 'Written', stroke: c.written, width: 2 },
        { label: 'Failed', stroke: c.failed, width: 2 }],
      axes: [axis, { ...axis, size: 64 }], // room for "10,000" on the y axis
      scales: { x: { time: true } },
    }, data, box);
    box.querySelectorAll('canvas').forEach((canvas) => canvas.setAttribute('aria-hidden', 'true'));
    chart = { plot, range: t.range, width };
  }

  let cyclesBefore = null;

  async function loadCycles(fresh) {
    if (fresh) cyclesBefore = null;
    const page = await api('api/sync/cycles', { params: { limit: CYCLES_PAGE, before: cyclesBefore } });
    const rows = (page.cycles || []).map((c) => cells('cycles-table', [when(c.startedAt), duration(c.duration),
      OUTCOMES[c.outcome] || c.outcome, number(c.pulledFromMarketo + c.pulledFromDynamics),
      number(c.writtenToMarketo + c.writtenToDynamics), number(c.collisions), number(c.failed),
      c.calls && c.calls.marketo !== null ? number(c.calls.marketo) + ' / ' + number(c.calls.dynamics) : '—'],
    { class: c.outcome === 'failed' || c.outcome === 'stopped-quota' ? 'failed' : '' }));
    if (fresh) $('cycles-table').tBodies[0].replaceChildren(...rows);
    else $('cycles-table').tBodies[0].append(...rows);
    cyclesBefore = page.next;
    $('cycles-older').hidden = page.next === null;
  }

  // ---- sync errors --------------------------------------------------------------------------------

  let errorGroup = null; // { errorCode, message } picked from the summary
  let errorPages = [null]; // the `before` of each page seen, for "first page"

  function errorFilters() {
    const since = $('errors-since').value;
    return {
      // datetime-local has no zone: read it as local time and send the instant in UTC.
      since: since ? new Date(since).toISOString() : '',
      direction: $('errors-direction').value,
      errorCode: errorGroup ? errorGroup.errorCode : $('errors-code').value.trim(),
      message: errorGroup ? errorGroup.message : '',
    };
  }

  async function searchErrors(event) {
    if (event) {
      event.preventDefault();
      errorGroup = null;
    }
    errorPages = [null];
    try {
      await Promise.all([loadGroups(), errorsPage()]);
    } catch (failure) {
      fail('errors-message', failure);
    }
  }

  async function loadGroups() {
    const f = errorFilters();
    const summary = await api('api/sync/errors/summary', { params: { since: f.since, direction: f.direction,
      errorCode: errorGroup ? '' : f.errorCode } });
    $('groups-caption').textContent = number(summary.total) + ' failures, grouped by error';
    $('groups-table').tBodies[0].replaceChildren(...(summary.groups || []).map((g) => {
      const show = el('button', { type: 'button', class: 'link' }, 'Show these');
      show.setAttribute('aria-label', 'Show the ' + g.count + ' failures: ' + plain(g.message).slice(0, 80));
      show.addEventListener('click', () => {
        errorGroup = { errorCode: g.errorCode || '', message: g.message || '' };
        errorPages = [null];
        errorsPage().catch((failure) => fail('errors-message', failure));
      });
      return cells('groups-table', [number(g.count), g.errorCode, plain(g.message), when(g.lastAt), show]);
    }));
    say('errors-message', summary.total ? '' : 'No failures match.');
  }

  async function errorsPage() {
    const before = errorPages[errorPages.length - 1];
    const answer = await api('api/sync/errors', { params: { ...errorFilters(), before, limit: ERRORS_PAGE } });
    const errors = answer.errors || [];
    $('errors-table').tBodies[0].replaceChildren(...errors.map((e) => {
      const person = e.leadId ? el('a', { href: '#person/' + e.leadId }, 'Person ' + e.leadId) : 'no person yet';
      const what = [DIRECTIONS[e.direction], e.operation].filter(Boolean).join(', ');
      return cells('errors-table', [when(e.at), person, e.entity ? e.entity + ' ' + text(e.dynamicsId) : '—', what,
        e.errorCode, plain(e.message)], { 'data-id': e.id });
    }));
    const group = $('errors-group');
    group.hidden = !errorGroup;
    if (errorGroup) {
      const all = el('button', { type: 'button', class: 'link' }, 'Show every failure');
      all.addEventListener('click', () => { errorGroup = null; errorPages = [null]; errorsPage(); });
      group.replaceChildren('Showing one group: ' + plain(errorGroup.message) + ' ', all);
    }
    const pageNumber = errorPages.length;
    $('errors-caption').textContent = 'Failures, newest first: page ' + pageNumber + ', ' + errors.length + ' shown';
    $('errors-page').textContent = 'Page ' + pageNumber;
    $('errors-first').hidden = pageNumber === 1;
    $('errors-next').hidden = answer.next === null;
    $('errors-next').dataset.next = answer.next === null ? '' : answer.next;
  }

  function nextErrors() {
    errorPages.push($('errors-next').dataset.next);
    errorsPage().catch((failure) => fail('errors-message', failure));
  }

  function firstErrors() {
    errorPages = [null];
    errorsPage().catch((failure) => fail('errors-message', failure));
  }

  async function downloadCsv() {
    const button = $('errors-csv');
    busy(button, true);
    try {
      // A plain link cannot carry the Authorization header, so fetch the CSV and save the blob.
      const blob = await api('api/sync/errors', { params: errorFilters(), accept: 'text/csv' });
      const href = URL.createObjectURL(blob);
      const link = el('a', { href, download: 'sync-errors.csv', hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60000);
      say('errors-message', 'Downloaded every matching failure as sync-errors.csv.', 'ok');
    } catch (failure) {
      fail('errors-message', failure);
    } finally {
      busy(button, false);
    }
  }

  function openPersonFromErrors(event) {
    event.preventDefault();
    const query = $('errors-person').value.trim();
    if (query) location.hash = '#person/' + encodeURIComponent(query);
  }

  // ---- a person ----------------------------------------------------------------------------------------

  let activityLead = null;
  let activityLastId = null;

  function personParams(query) {
    if (/^[0-9]+$/.test(query)) return { leadId: query };
    if (/^\{?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?$/.test(query)) return { dynamicsId: query };
    return { email: query };
  }

  async function findPerson(event) {
    if (event) {
      event.preventDefault();
      const wanted = '#person/' + encodeURIComponent($('person-query').value.trim());
      if (location.hash !== wanted) { location.hash = wanted; return; }
    }
    const query = $('person-query').value.trim();
    $('person-body').replaceChildren();
    $('activity-table').tBodies[0].replaceChildren();
    $('activity-table').hidden = true;
    $('activity-title').hidden = true;
    $('activity-older').hidden = true;
    if (!query) return;
    say('person-message', 'Looking in Marketo and Dynamics…');
    try {
      const found = await api('api/persons', { params: personParams(query) });
      const persons = found.persons || [];
      if (!persons.length) {
        say('person-message', 'No person in Marketo matches ' + query + '.');
        return;
      }
      say('person-message', persons.length > 1 ? persons.length + ' persons share this email; the first is shown.' : '');
      showPerson(persons[0], persons.slice(1));
      activityLead = persons[0].leadId;
      activityLastId = null;
      await activityPage();
    } catch (failure) {
      fail('person-message', failure);
    }
  }

  function showPerson(p, others) {
    const link = p.link;
    const rows = [['Marketo person', String(p.leadId)], ['Email', p.email],
      ['Link', link ? el('span', { class: 'link-state ' + link.state }, (LINK_STATES[link.state] || link.state)
        + ' with Dynamics ' + link.entity + ' ' + link.dynamicsId) : 'Not linked to any Dynamics record']];
    if (link) rows.push(['Linked', when(link.linkedAt)], ['Link last changed', when(link.updatedAt)]);
    const values = el('table', { id: 'person-fields', class: 'stack' },
      el('caption', {}, 'Mapped fields on both sides'),
      el('thead', {}, el('tr', {}, ['Marketo field', 'Marketo value', 'Dynamics attribute', 'Dynamics value', 'Last synced value']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, (p.fields || []).map((f) => {
        const differs = link && f.marketo !== f.dynamics;
        return el('tr', { class: differs ? 'differs' : '' },
          [['Marketo field', f.marketoField], ['Marketo value', f.marketo], ['Dynamics attribute', f.dynamicsAttribute],
            ['Dynamics value', f.dynamics], ['Last synced value', f.lastSynced]]
            .map(([label, v]) => el('td', { 'data-label': label }, text(v))));
      })));
    $('person-body').replaceChildren(...[figures(rows),
      p.problem ? el('p', { class: 'message warning' }, plain(p.problem)) : null,
      values,
      others.length ? el('p', { class: 'hint' }, 'Also with this email: ',
        others.map((o, i) => [i ? ', ' : '', el('a', { href: '#person/' + o.leadId }, 'person ' + o.leadId)])) : null]
      .filter(Boolean));
  }

  async function activityPage() {
    const older = $('activity-older');
    older.hidden = true;
    const page = await api('api/persons/' + encodeURIComponent(activityLead) + '/activities',
      { params: { limit: ACTIVITY_PAGE, before: activityLastId } });
    const entries = page.activities || [];
    // Older pages go below the newer ones, so the whole table stays newest first.
    $('activity-table').tBodies[0].append(...entries.map((a) => cells('activity-table', [when(a.at),
      (TYPES[a.type] || a.type) + (a.direction ? ' (' + DIRECTIONS[a.direction] + ')' : '')
        + (a.outcome && a.outcome !== 'success' ? ': ' + a.outcome : ''),
      a.entity ? a.entity + ' ' + text(a.dynamicsId) : '—',
      Array.isArray(a.fields) ? a.fields.join(', ') : a.fields, plain(a.message)],
    { class: a.outcome === 'failed' ? 'failed' : '' })));
    if (entries.length) activityLastId = entries[entries.length - 1].id;
    const shown = $('activity-table').tBodies[0].rows.length;
    $('activity-title').hidden = false;
    $('activity-table').hidden = false;
    $('activity-caption').textContent = shown ? 'Newest first: ' + shown + ' entries shown' : 'No activity yet';
    older.hidden = entries.length < ACTIVITY_PAGE;
  }

  // ---- field setup ------------------------------------------------------------------------------------

  const COLUMNS = ['marketoField', 'leadField', 'contactField'];
  let metadata = { marketo: [], dynamics: { lead: [], contact: [] } };

  async function loadFieldSetup(refresh) {
    say('fields-message', refresh ? 'Reading the fields from Marketo and Dynamics…' : 'Loading…');
    try {
      const [fields, saved] = await Promise.all([
        api('api/fields', { params: { refresh: refresh ? 'true' : '' } }),
        refresh ? null : api('api/field-mappings'),
      ]);
      metadata = fields;
      loadTemplate();
      // A metadata refresh keeps the rows being edited; a plain load shows the saved set.
      const rows = saved ? saved.mappings : currentRows();
      showRows(rows || []);
      say('fields-message', refresh ? 'Fields read again.' : '', refresh ? 'ok' : '');
    } catch (failure) {
      fail('fields-message', failure);
    }
  }

  async function loadTemplate() {
    try {
      const t = await api('api/flow-actions/sync-person-to-microsoft/template');
      $('template-body').replaceChildren(figures([
        ['URL', new URL(t.path.replace(/^\//, ''), document.baseURI).href],
        ['Request type', t.requestType + ', token encoding ' + t.requestTokenEncoding + ', response ' + t.responseType],
        ['Header', (t.headers || []).map((h) => h.name + ': the webhook key').join(', ')],
        ['Fields in the payload', (t.personFields || []).join(', ')],
      ]), el('pre', { class: 'template' }, t.template));
    } catch (failure) {
      $('template-body').replaceChildren(el('p', { class: 'hint' }, 'The webhook template could not be read: ',
        describe(failure)));
    }
  }

  function marketoLabel(f) {
    return (f.displayName && f.displayName !== f.name ? f.displayName + ' (' + f.name + ')' : f.name)
      + ' · ' + f.dataType + (f.length ? ' ' + f.length : '') + (f.readOnly ? ' · read-only' : '');
  }

  function dynamicsLabel(a) {
    return a.logicalName + ' · ' + a.attributeType + (a.format ? '/' + a.format : '')
      + (a.maxLength ? ' ' + a.maxLength : '') + (a.readOnly ? ' · read-only' : '');
  }

  function select(column, value, rowNumber) {
    const choices = column === 'marketoField'
      ? (metadata.marketo || []).map((f) => [f.name, marketoLabel(f)])
      : ((metadata.dynamics || {})[column === 'leadField' ? 'lead' : 'contact'] || []).map((a) => [a.logicalName, dynamicsLabel(a)]);
    choices.sort((a, b) => a[0].localeCompare(b[0]));
    const names = new Set(choices.map(([name]) => name));
    // A saved name that the metadata no longer lists stays visible, so saving does not drop it silently.
    if (value && !names.has(value)) choices.unshift([value, value + ' · no longer offered by the vendor']);
    const what = { marketoField: 'Marketo field', leadField: 'Lead attribute', contactField: 'Contact attribute' }[column];
    return el('select', { 'aria-label': what + ', row ' + rowNumber, 'data-column': column, disabled: !credentials.canWrite },
      el('option', { value: '' }, column === 'marketoField' ? '— choose a field —' : '— none —'),
      choices.map(([name, label]) => el('option', { value: name, selected: name === value }, label)));
  }

  function row(mapping, index) {
    const labels = { marketoField: 'Marketo field', leadField: 'Lead attribute', contactField: 'Contact attribute' };
    const tr = el('tr', {},
      COLUMNS.map((column) => el('td', { 'data-column': column, 'data-label': labels[column] },
        select(column, mapping[column], index + 1))));
    const actions = el('td', { 'data-column': 'row', 'data-label': 'Row' });
    if (credentials.canWrite) {
      const remove = el('button', { type: 'button', class: 'remove' }, 'Remove');
      remove.setAttribute('aria-label', 'Remove row ' + (index + 1));
      remove.addEventListener('click', () => {
        const rows = currentRows();
        rows.splice(Array.from(tr.parentNode.rows).indexOf(tr), 1);
        showRows(rows);
      });
      actions.append(remove);
    }
    tr.append(actions);
    return tr;
  }

  function showRows(mappings) {
    $('mapping-rows').replaceChildren(...mappings.map(row));
  }

  function currentRows() {
    return Array.from($('mapping-rows').rows).map((tr) => {
      const mapping = {};
      COLUMNS.forEach((column) => {
        mapping[column] = tr.querySelector('select[data-column="' + column + '"]').value || null;
      });
      return mapping;
    });
  }

  // details[].field is "mappings[2].leadField", "mappings[2]" (the whole row) or "mappings" (the set):
  // put each message by the cell it names, and whatever names no cell in the summary above the table.
  function placeNotes(details, kind) {
    const loose = [];
    (details || []).forEach((d) => {
      const match = /^mappings\[(\d+)\](?:\.(\w+))?$/.exec(d.field || '');
      const tr = match && $('mapping-rows').rows[Number(match[1])];
      const cell = tr && tr.querySelector('td[data-column="' + (match[2] || 'row') + '"]');
      if (!cell) {
        loose.push(d);
        return;
      }
      cell.classList.add(kind);
      cell.append(el('p', { class: 'note ' + kind }, plain(d.message)));
      const control = cell.querySelector('select');
      if (control && kind === 'error') control.setAttribute('aria-invalid', 'true');
    });
    return loose;
  }

  async function saveFieldSetup() {
    const button = $('fields-save');
    const rows = currentRows();
    showRows(rows); // clears the notes of the last attempt
    busy(button, true);
    try {
      const answer = await api('api/field-mappings', { method: 'PUT', body: { mappings: rows } });
      showRows(answer.mappings || []);
      loadTemplate();
      const warnings = answer.warnings || [];
      placeNotes(warnings, 'warning');
      say('fields-message', el('span', {}, 'Field set saved (' + (answer.mappings || []).length + ' rows).'
        + (warnings.length ? ' Saved with warnings:' : ''), noteList(warnings)), warnings.length ? 'warning' : 'ok');
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.status === 400) {
        const loose = placeNotes(failure.body.details, 'error');
        say('fields-message', el('span', {}, 'Nothing was saved. Fix the rows marked below.', noteList(loose)), 'error');
      } else {
        fail('fields-message', failure);
      }
    } finally {
      busy(button, false);
    }
  }

  function noteList(details) {
    if (!details || !details.length) return null;
    return el('ul', {}, details.map((d) => el('li', {}, plain(d.message))));
  }

  // ---- alerts -----------------------------------------------------------------------------------------

  async function loadAlerts() {
    try {
      const a = await api('api/alerts');
      const rules = el('table', { id: 'alerts-table', class: 'stack' }, el('caption', {}, 'Alert rules'),
        el('thead', {}, el('tr', {}, ['Rule', 'Threshold', 'Now'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, (a.rules || []).map((r) => el('tr', { class: r.firing ? 'failed' : '' },
          el('td', { 'data-label': 'Rule' }, r.description),
          el('td', { 'data-label': 'Threshold' }, text(r.threshold)),
          el('td', { 'data-label': 'Now' }, r.firing ? el('span', {}, 'Alerting since ', when(r.since)) : 'OK')))));
      const channels = [['Webhook', a.webhook ? 'on' : 'off'], ['Email', a.email ? 'on, to ' + a.email : 'off']];
      $('alerts-body').replaceChildren(figures(channels), rules);
      say('alerts-message', '');
    } catch (failure) {
      fail('alerts-message', failure);
    }
  }

  // ---- wiring ----------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    $('signin').addEventListener('submit', signIn);
    $('signout').addEventListener('click', () => signOut());
    $('pause').addEventListener('click', (e) => control('pause', e.currentTarget));
    $('resume').addEventListener('click', (e) => control('resume', e.currentTarget));
    $('status-refresh').addEventListener('click', refreshStatus);
    document.querySelectorAll('button.range').forEach((button) => button.addEventListener('click', () => {
      chartRange = button.dataset.range;
      document.querySelectorAll('button.range').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
      showThroughput().catch((failure) => fail('status-message', failure));
    }));
    $('cycles-older').addEventListener('click', () => loadCycles(false).catch((failure) => fail('status-message', failure)));
    $('errors-form').addEventListener('submit', searchErrors);
    $('errors-clear').addEventListener('click', () => {
      $('errors-form').reset();
      errorGroup = null;
      searchErrors();
    });
    $('errors-csv').addEventListener('click', downloadCsv);
    $('errors-next').addEventListener('click', nextErrors);
    $('errors-first').addEventListener('click', firstErrors);
    $('person-find-errors').addEventListener('submit', openPersonFromErrors);
    $('person-form').addEventListener('submit', findPerson);
    $('activity-older').addEventListener('click', () => activityPage().catch((failure) => fail('person-message', failure)));
    $('fields-add').addEventListener('click', () => showRows([...currentRows(), { marketoField: null, leadField: null, contactField: null }]));
    $('fields-save').addEventListener('click', saveFieldSetup);
    $('fields-reload').addEventListener('click', () => loadFieldSetup(false));
    $('fields-refresh').addEventListener('click', () => loadFieldSetup(true));
    window.addEventListener('hashchange', route);
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      if (chart) { chart.plot.destroy(); chart = null; }
      if (credentials) showThroughput().catch(() => {});
    });
    resume();
  });
})();
