// LeadSync ops console: plain JavaScript over the HTTP API of docs/api.md, nothing else.
// Every value from the API reaches the page through textContent, never as HTML.
'use strict';

(() => {
  const STATUS_EVERY_MS = 10000;
  const ACTIVITY_PAGE = 50;

  // The credentials live in this variable only, so a reload or a closed tab signs out and the
  // password is never written to storage.
  let credentials = null;
  let statusTimer = null;

  const $ = (id) => document.getElementById(id);

  // ---- the API --------------------------------------------------------------------------------

  class ApiFailure extends Error {
    constructor(status, body) {
      super(body.message || ('HTTP ' + status));
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

  async function api(path, { method = 'GET', params, body, accept = 'application/json' } = {}) {
    const headers = { Accept: accept };
    if (credentials) headers.Authorization = credentials.header;
    const init = {
      method, headers,
      // 'omit' keeps the browser's own Basic-auth dialog away on a 401: the console shows the message itself.
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
      throw new ApiFailure(0, { error: 'network', message: 'The server could not be reached (' + e.message + ').' });
    }
    if (!response.ok) throw new ApiFailure(response.status, await errorBody(response));
    return accept === 'application/json' ? response.json() : response.blob();
  }

  async function errorBody(response) {
    try {
      const body = await response.json();
      if (body && typeof body === 'object') return body;
    } catch (e) { /* not JSON: a proxy or the container answered */ }
    return { error: 'http-' + response.status, message: response.status + ' ' + response.statusText };
  }

  // ---- small DOM helpers ------------------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (key === 'class') node.className = value;
      else if (key in node) node[key] = value;
      else node.setAttribute(key, value);
    });
    children.flat(Infinity).forEach((child) => {
      if (child === null || child === undefined) return;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  const text = (value) => (value === null || value === undefined || value === '' ? '—' : String(value));

  function say(target, message, kind) {
    const box = $(target);
    box.replaceChildren();
    box.className = 'message' + (kind ? ' ' + kind : '');
    if (message) box.append(message);
  }

  // A failed call as a person reads it: what went wrong, the API's own sentence, and its details.
  function describe(failure) {
    if (!(failure instanceof ApiFailure)) return el('span', {}, 'Unexpected problem: ' + failure.message);
    const lead = failure.status === 401 ? 'Not signed in, or wrong user or password: '
      : failure.status === 403 ? 'Not allowed: '
        : failure.status ? 'Refused (' + failure.status + '): ' : '';
    const details = Array.isArray(failure.body.details) ? failure.body.details : [];
    return el('span', {}, lead + text(failure.body.message),
      details.length ? el('ul', {}, details.map((d) => el('li', {}, (d.field ? d.field + ': ' : '') + text(d.message)))) : null);
  }

  function fail(target, failure) {
    say(target, describe(failure), 'error');
    if (failure instanceof ApiFailure && failure.status === 401) signOut('Your sign-in is no longer accepted.');
  }

  function busy(button, on) {
    button.disabled = on;
    button.setAttribute('aria-busy', String(on));
  }

  // ---- sign-in ----------------------------------------------------------------------------------

  async function signIn(event) {
    event.preventDefault();
    const user = $('user').value.trim();
    credentials = { user, header: basic(user, $('password').value) };
    say('signin-message', 'Signing in…');
    try {
      const status = await api('api/sync/status');
      showStatus(status);
      $('password').value = '';
      say('signin-message', '');
      $('signin').hidden = true;
      $('signedin-user').textContent = user;
      $('signedin').hidden = false;
      $('sections').hidden = false;
      $('app').hidden = false;
      statusTimer = setInterval(refreshStatus, STATUS_EVERY_MS);
      searchErrors();
      loadFieldSetup(false);
    } catch (failure) {
      credentials = null;
      say('signin-message', describe(failure), 'error');
    }
  }

  function signOut(reason) {
    credentials = null;
    clearInterval(statusTimer);
    statusTimer = null;
    // Drop everything shown, so nothing read with the old credentials stays on screen.
    ['status-body', 'mapping-rows', 'status-updated'].forEach((id) => $(id).replaceChildren());
    ['errors-table', 'activity-table'].forEach((id) => $(id).tBodies[0].replaceChildren());
    ['status-message', 'errors-message', 'activity-message', 'fields-message'].forEach((id) => say(id, ''));
    $('activity-older').hidden = true;
    $('app').hidden = true;
    $('sections').hidden = true;
    $('signedin').hidden = true;
    $('signin').hidden = false;
    say('signin-message', reason || '', reason ? 'error' : '');
    $('password').focus();
  }

  // ---- status -------------------------------------------------------------------------------------

  async function refreshStatus() {
    if (!credentials) return;
    try {
      showStatus(await api('api/sync/status'));
    } catch (failure) {
      fail('status-message', failure);
    }
  }

  async function control(action, button) {
    busy(button, true);
    try {
      showStatus(await api('api/sync/' + action, { method: 'POST', body: {} }));
      say('status-message', action === 'pause' ? 'Sync paused.' : 'Sync resumed.', 'ok');
    } catch (failure) {
      fail('status-message', failure);
    } finally {
      busy(button, false);
    }
  }

  function showStatus(s) {
    say('status-message', '');
    const cycle = s.lastCycle;
    const calls = s.apiCalls || {};
    const rows = [
      ['State', s.state + (s.paused ? ' (paused: no cycle starts until resumed)' : '')],
      ['Interval between cycles', s.interval],
      ['Next cycle at', s.nextCycleAt],
      ['Errors in the last 24 hours', s.errorsLast24h],
      ['Last cycle', cycle ? text(cycle.startedAt) + ' → ' + text(cycle.finishedAt) + (cycle.outcome ? ' (' + cycle.outcome + ')' : '')
        : 'none yet'],
    ];
    if (cycle) {
      rows.push(['Pulled from Marketo / Dynamics', text(cycle.pulledFromMarketo) + ' / ' + text(cycle.pulledFromDynamics)]);
      rows.push(['Written to Marketo / Dynamics', text(cycle.writtenToMarketo) + ' / ' + text(cycle.writtenToDynamics)]);
      rows.push(['Collisions / failed', text(cycle.collisions) + ' / ' + text(cycle.failed)]);
    }
    if (s.links) {
      rows.push(['Links: active / deleted in Dynamics / filtered out',
        text(s.links.active) + ' / ' + text(s.links.deletedInDynamics) + ' / ' + text(s.links.filteredOut)]);
    }
    Object.entries(s.cursors || {}).forEach(([name, cursor]) => rows.push(['Cursor ' + name, cursor && cursor.since]));
    if (calls.marketo) {
      rows.push(['Marketo API calls: last 20 s / today', text(calls.marketo.last20s) + ' / ' + text(calls.marketo.today)]);
    }
    if (calls.dynamics) rows.push(['Dynamics API calls: last 5 min', calls.dynamics.last5min]);
    $('status-body').replaceChildren(el('dl', { class: 'figures' },
      rows.map(([name, value]) => [el('dt', {}, name), el('dd', {}, text(value))])));
    $('pause').disabled = s.paused;
    $('resume').disabled = !s.paused;
    $('status-updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
  }

  // ---- sync errors --------------------------------------------------------------------------------

  function errorFilters() {
    const since = $('errors-since').value;
    return {
      // datetime-local has no zone: read it as local time and send the instant in UTC.
      since: since ? new Date(since).toISOString() : '',
      direction: $('errors-direction').value,
      errorCode: $('errors-code').value.trim(),
      limit: $('errors-limit').value,
    };
  }

  async function searchErrors(event) {
    if (event) event.preventDefault();
    say('errors-message', 'Loading…');
    try {
      const answer = await api('api/sync/errors', { params: errorFilters() });
      const errors = answer.errors || [];
      $('errors-table').tBodies[0].replaceChildren(...errors.map((e) => el('tr', {},
        [e.at, e.leadId, e.dynamicsId, e.entity, e.operation, e.direction, e.errorCode, e.message]
          .map((v) => el('td', {}, text(v))))));
      $('errors-caption').textContent = 'Recent failures, newest first: ' + errors.length + ' shown';
      say('errors-message', errors.length ? '' : 'No failures match.');
    } catch (failure) {
      fail('errors-message', failure);
    }
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
      say('errors-message', 'CSV downloaded (sync-errors.csv).', 'ok');
    } catch (failure) {
      fail('errors-message', failure);
    } finally {
      busy(button, false);
    }
  }

  // ---- a person's activity log ----------------------------------------------------------------------

  let activityLead = null;
  let activityLastId = null;

  async function showActivity(event) {
    event.preventDefault();
    const lead = $('activity-lead').value.trim();
    if (!/^[0-9]+$/.test(lead)) {
      say('activity-message', 'A Marketo person id is a whole number.', 'error');
      return;
    }
    activityLead = lead;
    activityLastId = null;
    $('activity-table').tBodies[0].replaceChildren();
    await activityPage();
  }

  async function activityPage() {
    const older = $('activity-older');
    older.hidden = true;
    say('activity-message', 'Loading…');
    try {
      const page = await api('api/persons/' + encodeURIComponent(activityLead) + '/activities',
        { params: { limit: ACTIVITY_PAGE, before: activityLastId } });
      const entries = page.activities || [];
      // Older pages go below the newer ones, so the whole table stays newest first.
      $('activity-table').tBodies[0].append(...entries.map((a) => el('tr', { class: a.outcome === 'failed' ? 'failed' : '' },
        [a.at, a.type, a.direction, a.operation, a.entity, a.dynamicsId, a.outcome,
          Array.isArray(a.fields) ? a.fields.join(', ') : a.fields, a.errorCode, a.message]
          .map((v) => el('td', {}, text(v))))));
      if (entries.length) activityLastId = entries[entries.length - 1].id;
      const shown = $('activity-table').tBodies[0].rows.length;
      $('activity-caption').textContent = 'Person ' + activityLead + ', newest first: ' + shown + ' entries shown';
      say('activity-message', shown ? '' : 'No activity for person ' + activityLead + '.');
      older.hidden = entries.length < ACTIVITY_PAGE;
    } catch (failure) {
      fail('activity-message', failure);
    }
  }

  // ---- field setup ------------------------------------------------------------------------------------

  const COLUMNS = ['marketoField', 'leadField', 'contactField'];
  let metadata = { marketo: [], dynamics: { lead: [], contact: [] } };

  async function loadFieldSetup(refresh) {
    say('fields-message', refresh ? 'Reading metadata from Marketo and Dynamics…' : 'Loading…');
    try {
      const [fields, saved] = await Promise.all([
        api('api/fields', { params: { refresh: refresh ? 'true' : '' } }),
        refresh ? null : api('api/field-mappings'),
      ]);
      metadata = fields;
      // A metadata refresh keeps the rows being edited; a plain load shows the saved set.
      const rows = saved ? saved.mappings : currentRows();
      showRows(rows || []);
      say('fields-message', refresh ? 'Metadata refreshed.' : '', refresh ? 'ok' : '');
    } catch (failure) {
      fail('fields-message', failure);
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
    if (value && !names.has(value)) choices.unshift([value, value + ' · not in the metadata']);
    const what = { marketoField: 'Marketo field', leadField: 'Lead attribute', contactField: 'Contact attribute' }[column];
    return el('select', { 'aria-label': what + ', row ' + rowNumber, 'data-column': column },
      el('option', { value: '' }, column === 'marketoField' ? '— choose a field —' : '— none —'),
      choices.map(([name, label]) => el('option', { value: name, selected: name === value }, label)));
  }

  function row(mapping, index) {
    const remove = el('button', { type: 'button', class: 'remove' }, 'Remove');
    remove.setAttribute('aria-label', 'Remove row ' + (index + 1));
    const tr = el('tr', {},
      COLUMNS.map((column) => el('td', { 'data-column': column }, select(column, mapping[column], index + 1))),
      el('td', { 'data-column': 'row' }, remove));
    remove.addEventListener('click', () => {
      const rows = currentRows();
      rows.splice(Array.from(tr.parentNode.rows).indexOf(tr), 1);
      showRows(rows);
    });
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
      const note = el('p', { class: 'note ' + kind }, text(d.message));
      cell.append(note);
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
      const warnings = answer.warnings || [];
      placeNotes(warnings, 'warning');
      say('fields-message', el('span', {}, 'Field set saved (' + (answer.mappings || []).length + ' rows).'
        + (warnings.length ? ' Saved with warnings:' : ''), noteList(warnings)), warnings.length ? 'warning' : 'ok');
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.status === 400) {
        const loose = placeNotes(failure.body.details, 'error');
        say('fields-message', el('span', {}, text(failure.body.message), noteList(loose)), 'error');
      } else {
        fail('fields-message', failure);
      }
    } finally {
      busy(button, false);
    }
  }

  function noteList(details) {
    if (!details || !details.length) return null;
    return el('ul', {}, details.map((d) => el('li', {}, (d.field ? d.field + ': ' : '') + text(d.message))));
  }

  // ---- wiring ----------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    $('signin').addEventListener('submit', signIn);
    $('signout').addEventListener('click', () => signOut());
    $('pause').addEventListener('click', (e) => control('pause', e.currentTarget));
    $('resume').addEventListener('click', (e) => control('resume', e.currentTarget));
    $('status-refresh').addEventListener('click', refreshStatus);
    $('errors-form').addEventListener('submit', searchErrors);
    $('errors-csv').addEventListener('click', downloadCsv);
    $('activity-form').addEventListener('submit', showActivity);
    $('activity-older').addEventListener('click', activityPage);
    $('fields-add').addEventListener('click', () => showRows([...currentRows(), { marketoField: null, leadField: null, contactField: null }]));
    $('fields-save').addEventListener('click', saveFieldSetup);
    $('fields-reload').addEventListener('click', () => loadFieldSetup(false));
    $('fields-refresh').addEventListener('click', () => loadFieldSetup(true));
    $('password').focus();
  });
})();
