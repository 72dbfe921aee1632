// The Tasks Service page: lists tasks, shows one task's timeline and the lateness of recent runs, schedules and
// cancels tasks. It holds no data of its own: everything is read and changed through the REST API of the service that
// serves it, with the API key kept in this tab's sessionStorage.

/** The API's root: the folder this module is served from (behind API Gateway, the stage's root). */
const API = new URL('.', import.meta.url);
const KEY_STORAGE = 'tasks-api-key';
const REFRESH_MS = 2000;
const LATENESS_REFRESH_MS = 10000;
/** The listing runs oldest first, so the lateness reads at most this many pages of 100 completed tasks. */
const LATENESS_PAGES = 10;
const LATENESS_RUNS = 200;
const RECENT_RUNS_SHOWN = 5;
const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const BUCKETS = [
  { label: 'early', below: 0 },
  { label: '< 10 ms', below: 10 },
  { label: '10–100 ms', below: 100 },
  { label: '100 ms–1 s', below: 1000 },
  { label: '1–10 s', below: 10000 },
  { label: '≥ 10 s', below: Infinity },
];

const $ = (selector) => document.querySelector(selector);

// ---- talking to the API ------------------------------------------------------------------------------------------

/** A refusal or failure of the API, already put in words for the person using the page. */
class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) || '';
}

/** Calls the API; resolves to the parsed JSON answer, or rejects with an ApiError that says what went wrong. */
async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (apiKey()) headers.Authorization = `Bearer ${apiKey()}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(new URL(path, API), { method, headers, body, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(`The API did not answer (${e.message}): is the service running?`, 0);
  }
  const text = await response.text();
  if (!response.ok) throw new ApiError(problemInWords(response, text), response.status);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(`The API answered ${response.status} with something that is not JSON.`, response.status);
  }
}

/** The API's problem+json (title, detail) as a sentence, with what to do about a missing key or a rate limit. */
function problemInWords(response, text) {
  let problem = null;
  if (/json/.test(response.headers.get('Content-Type') || '')) {
    try {
      problem = JSON.parse(text);
    } catch {
      problem = null;
    }
  }
  const title = problem?.title || response.statusText || 'Error';
  let words = problem?.detail ? `${title}: ${problem.detail}` : `${title} (HTTP ${response.status}).`;
  if (!/[.!?]$/.test(words)) words += '.';
  if (response.status === 401) {
    words += apiKey() ? ' Check the API key above.' : ' Enter an API key above.';
  } else if (response.status === 429 && response.headers.get('Retry-After')) {
    words += ` Wait ${response.headers.get('Retry-After')} s.`;
  }
  return words;
}

// ---- small helpers -----------------------------------------------------------------------------------------------

/** An element with attributes and children; text is always set as text, never parsed as HTML. */
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** 2026-01-01T10:00:05.250Z as 2026-01-01 10:00:05.250 (the headings say UTC). */
function time(iso) {
  return iso ? iso.replace('T', ' ').replace(/Z$/, '') : '—';
}

/** As {@link time}, without the date when it is today's (UTC): for the narrow columns of the tables. */
function shortTime(iso) {
  if (!iso) return '—';
  const today = new Date().toISOString().slice(0, 10);
  return iso.startsWith(today) ? time(iso).slice(11) : time(iso);
}

function millis(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${abs} ms`;
  if (abs < 60000) return `${sign}${Number((abs / 1000).toFixed(abs < 10000 ? 2 : 1))} s`;
  const rest = Math.round((abs % 60000) / 1000);
  return `${sign}${Math.floor(abs / 60000)} min${rest ? ` ${rest} s` : ''}`;
}

function seconds(s) {
  if (!s) return '—';
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

/** executedAt minus timestamp in milliseconds, or null before a successful delivery. */
function lateness(task) {
  return task.executedAt ? Date.parse(task.executedAt) - Date.parse(task.timestamp) : null;
}

function badge(status) {
  return el('span', { className: `badge ${status.toLowerCase()}` }, status);
}

function taskLink(id, text = id.slice(0, 8)) {
  return el('a', { href: `#task=${id}`, title: id, className: 'task-link', 'data-task-id': id }, text);
}

/** Error messages per source (list, timeline, ...), shown together above the page until that source succeeds. */
const problems = new Map();

function report(source, error) {
  if (error) problems.set(source, error instanceof ApiError ? error.message : `Unexpected error: ${error.message}`);
  else problems.delete(source);
  const message = $('#message');
  message.textContent = [...new Set(problems.values())].join(' ');
  message.hidden = problems.size === 0;
}

function showResult(target, ok, ...content) {
  target.className = `result ${ok ? 'ok' : 'error'}`;
  target.replaceChildren(...content);
}

// ---- the key -----------------------------------------------------------------------------------------------------

function showKeyState() {
  $('#key-state').textContent = apiKey()
    ? 'Key set for this tab.'
    : 'No key: only a keyless local API (make run) answers.';
}

function useKey(event) {
  event.preventDefault();
  const key = $('#api-key').value.trim();
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
  showKeyState();
  refreshAll(true);
}

function forgetKey() {
  sessionStorage.removeItem(KEY_STORAGE);
  $('#api-key').value = '';
  showKeyState();
  refreshAll(true);
}

// ---- the list ----------------------------------------------------------------------------------------------------

/** The cursor of each page seen so far: pages[0] is the first page (no cursor). */
const list = { pages: [null], index: 0, next: null, busy: false, seq: 0 };

function resetList() {
  list.pages = [null];
  list.index = 0;
  refreshList();
}

/** Only the answer to the latest request is shown; the timer skips a turn while one is on its way. */
async function refreshList(fromTimer = false) {
  if (fromTimer && list.busy) return;
  list.busy = true;
  const seq = ++list.seq;
  const params = new URLSearchParams({ status: $('#status').value, limit: $('#limit').value });
  const cursor = list.pages[list.index];
  if (cursor) params.set('cursor', cursor);
  try {
    const page = await api('GET', `tasks?${params}`);
    if (seq === list.seq) renderList(page);
    report('list', null);
  } catch (e) {
    if (seq === list.seq) report('list', e);
  } finally {
    if (seq === list.seq) list.busy = false;
  }
}

function renderList(page) {
  list.next = page.nextCursor;
  const rows = page.items.map((task) =>
    el('tr', { 'data-task-id': task.id, 'data-status': task.status },
      el('td', {}, taskLink(task.id)),
      el('td', {}, badge(task.status)),
      el('td', { title: task.timestamp }, shortTime(task.timestamp)),
      el('td', { className: 'number' }, seconds(task.time_left)),
      el('td', { className: 'number' }, task.attempts ?? '—'),
      el('td', { title: task.executedAt }, shortTime(task.executedAt)),
      el('td', { className: 'number' }, millis(lateness(task)))));
  $('#task-table tbody').replaceChildren(...rows);
  $('#list-empty').hidden = rows.length > 0;
  $('#page-number').textContent = `page ${list.index + 1}`;
  $('#prev-page').disabled = list.index === 0;
  $('#first-page').disabled = list.index === 0;
  $('#next-page').disabled = !list.next;
}

function nextPage() {
  if (!list.next) return;
  list.pages = list.pages.slice(0, list.index + 1).concat(list.next);
  list.index += 1;
  refreshList();
}

function previousPage() {
  if (list.index === 0) return;
  list.index -= 1;
  refreshList();
}

// ---- one task's timeline -----------------------------------------------------------------------------------------

const timeline = { id: null, final: false, busy: false, seq: 0 };

function showTask(id) {
  timeline.id = id;
  timeline.final = false;
  $('#timeline-id').value = id;
  if (location.hash !== `#task=${id}`) history.replaceState(null, '', `#task=${id}`);
  refreshTimeline();
}

async function refreshTimeline(fromTimer = false) {
  if (!timeline.id || (fromTimer && timeline.busy)) return;
  timeline.busy = true;
  const seq = ++timeline.seq;
  const path = `tasks/${encodeURIComponent(timeline.id)}`;
  try {
    const [task, history] = await Promise.all([api('GET', path), api('GET', `${path}/attempts`)]);
    if (seq === timeline.seq) {
      timeline.final = FINAL.has(task.status);
      renderTimeline(task, history.attempts);
    }
  } catch (e) {
    if (seq === timeline.seq) {
      timeline.final = true; // stop polling a task that cannot be read; Show tries again
      $('#timeline-body').className = '';
      $('#timeline-body').replaceChildren(el('p', { className: 'error' }, e.message));
    }
  } finally {
    if (seq === timeline.seq) timeline.busy = false;
  }
}

/** The task's events that its record holds, in time order; what it does not record is said below them. */
function events(task, attempts) {
  const happened = [
    { at: task.createdAt, what: 'Created', detail: 'accepted by the API', kind: 'created' },
    { at: task.timestamp, what: 'Due', detail: task.time_left ? `in ${seconds(task.time_left)}` : 'its time', kind: 'due' },
  ];
  if (task.status === 'IN_PROGRESS' && attempts.length === 0) {
    happened.push({
      at: task.lastUpdatedAt,
      what: 'Claimed',
      detail: 'dispatched; its workflow started and waits for the due time (IN_PROGRESS)',
      kind: 'claimed',
    });
  }
  for (const attempt of attempts) {
    const statusSaid = attempt.error?.startsWith(`HTTP ${attempt.httpStatus}`);
    const parts = [
      attempt.httpStatus && !statusSaid ? `HTTP ${attempt.httpStatus}` : null,
      `took ${millis(attempt.durationMs)}`,
      attempt.error,
      attempt.nextAttemptAt ? `next attempt at ${time(attempt.nextAttemptAt)}` : null,
    ];
    happened.push({
      at: attempt.startedAt,
      what: `Attempt ${attempt.number}: ${attempt.outcome}`,
      detail: parts.filter(Boolean).join(' · '),
      kind: attempt.outcome === 'SUCCEEDED' ? 'succeeded' : 'failed',
    });
  }
  if (task.status === 'COMPLETED') {
    happened.push({
      at: task.lastUpdatedAt,
      what: 'COMPLETED',
      detail: `delivery began ${millis(lateness(task))} after the due time`,
      kind: 'completed',
    });
  } else if (task.status === 'FAILED') {
    happened.push({ at: task.lastUpdatedAt, what: 'FAILED', detail: task.lastError || '', kind: 'failed' });
  } else if (task.status === 'CANCELLED') {
    happened.push({ at: task.lastUpdatedAt, what: 'CANCELLED', detail: 'by the client', kind: 'cancelled' });
  } else if (task.nextAttemptAt) {
    happened.push({ at: task.nextAttemptAt, what: 'Next attempt', detail: 'waiting for its retry', kind: 'pending' });
  }
  // Stable: events at the same instant keep the order above.
  return happened.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function renderTimeline(task, attempts) {
  const cancellable = task.status === 'SCHEDULED' || (task.status === 'IN_PROGRESS' && attempts.length === 0);
  const items = events(task, attempts).map((event) =>
    el('li', { className: event.kind, 'data-event': event.kind },
      el('time', { datetime: event.at }, time(event.at)),
      el('strong', {}, event.what),
      event.detail ? el('span', { className: 'detail' }, event.detail) : null));
  const target = task.target
    ? task.target.type === 'sqs'
      ? `SQS queue ${task.target.queueUrl}`
      : `${task.target.method || 'POST'} ${task.target.url}`
    : "the deployment's default target";
  const retry = task.retry
    ? `${task.retry.maxAttempts} attempt(s); pauses up to ${millis(task.retry.initialBackoffMs)}, doubling, at most ${millis(task.retry.maxBackoffMs)}`
    : '—';
  $('#timeline-body').className = '';
  $('#timeline-body').replaceChildren(
    el('div', { className: 'task-head', 'data-task-id': task.id, 'data-status': task.status },
      el('code', {}, task.id), badge(task.status),
      cancellable ? el('button', { type: 'button', onclick: () => cancelTask(task.id) }, 'Cancel this task') : null),
    el('ol', { className: 'events' }, items),
    el('dl', { className: 'facts' },
      el('dt', {}, 'Target'), el('dd', {}, target),
      el('dt', {}, 'Retry'), el('dd', {}, retry),
      el('dt', {}, 'Changed'), el('dd', {}, task.version ? `${task.version} time(s) by the client (PATCH)` : 'never'),
      el('dt', {}, 'Payload'),
      el('dd', {}, task.payload === undefined ? 'none' : el('pre', {}, JSON.stringify(task.payload, null, 2)))),
    el('p', { className: 'muted small' },
      'Not recorded by the service: when the task was sent to the queue, and when its workflow claimed it once a ' +
      'later change has replaced that time; only the latest 20 attempts are kept.'));
}

// ---- lateness ----------------------------------------------------------------------------------------------------

const latenessState = { at: 0, busy: false };

async function refreshLateness() {
  if (latenessState.busy) return;
  latenessState.busy = true;
  latenessState.at = Date.now();
  try {
    const completed = [];
    let cursor = null;
    let pages = 0;
    do {
      const params = new URLSearchParams({ status: 'COMPLETED', limit: '100' });
      if (cursor) params.set('cursor', cursor);
      const page = await api('GET', `tasks?${params}`);
      completed.push(...page.items.filter((task) => task.executedAt));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < LATENESS_PAGES);
    renderLateness(completed, Boolean(cursor));
    report('lateness', null);
  } catch (e) {
    report('lateness', e);
  } finally {
    latenessState.busy = false;
  }
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
}

function renderLateness(completed, more) {
  const recent = completed
    .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp))
    .slice(0, LATENESS_RUNS);
  const counts = BUCKETS.map(() => 0);
  for (const task of recent) counts[BUCKETS.findIndex((bucket) => lateness(task) < bucket.below)] += 1;
  const highest = Math.max(1, ...counts);
  const bars = BUCKETS.map((bucket, i) => {
    if (bucket.below === 0 && counts[i] === 0) return null; // the service never runs a task early: show it only if it did
    const bar = el('span', { className: 'bar' });
    bar.style.width = `${(100 * counts[i]) / highest}%`;
    return el('div', { className: 'bucket', 'data-bucket': bucket.label, 'data-count': counts[i] },
      el('span', { className: 'label' }, bucket.label),
      el('span', { className: 'track' }, bar),
      el('span', { className: 'count' }, counts[i]));
  });
  $('#histogram').replaceChildren(...bars.filter(Boolean));
  const sorted = recent.map(lateness).sort((a, b) => a - b);
  $('#lateness-summary').textContent = recent.length
    ? `${recent.length} run(s), the latest by due time of ${completed.length} completed task(s) read` +
      `${more ? ` (the first ${LATENESS_PAGES * 100} the listing gives, oldest first: newer ones are not counted)` : ''}` +
      `. p50 ${millis(percentile(sorted, 50))}, p95 ${millis(percentile(sorted, 95))}, max ${millis(sorted.at(-1))}.`
    : 'No completed task yet.';
  $('#lateness-summary').dataset.runs = String(recent.length);
  $('#recent-runs tbody').replaceChildren(...recent.slice(0, RECENT_RUNS_SHOWN).map((task) =>
    el('tr', { 'data-task-id': task.id },
      el('td', {}, taskLink(task.id)),
      el('td', { title: task.timestamp }, shortTime(task.timestamp)),
      el('td', { className: 'number' }, millis(lateness(task))))));
}

// ---- schedule and cancel -----------------------------------------------------------------------------------------

/** A mistake the page can name before asking the API (the API names every other one). */
class FormError extends Error {}

/** The body of POST /tasks as JSON text: the payload is sent exactly as typed, so no number loses a digit. */
function scheduleBody(form) {
  const fields = [];
  if (form.elements.when.value === 'seconds') {
    const value = form.elements.seconds.value.trim();
    if (value) fields.push(`"seconds":${/^-?\d+$/.test(value) ? value : JSON.stringify(value)}`);
  } else {
    fields.push(`"timestamp":${JSON.stringify(form.elements.timestamp.value.trim())}`);
  }
  const payload = form.elements.payload.value.trim();
  if (payload) {
    try {
      JSON.parse(payload);
    } catch (e) {
      throw new FormError(`Payload: not valid JSON (${e.message}).`);
    }
    fields.push(`"payload":${payload}`);
  }
  const webhook = form.elements.webhook.value.trim();
  if (webhook) fields.push(`"target":${JSON.stringify({ type: 'http', url: webhook })}`);
  return `{${fields.join(',')}}`;
}

async function schedule(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const result = $('#schedule-result');
  try {
    const task = await api('POST', 'tasks', scheduleBody(form));
    showResult(result, true, 'Scheduled ', taskLink(task.id, task.id), ` (${task.status}), due ${time(task.timestamp)} UTC.`);
    result.dataset.taskId = task.id;
    showTask(task.id);
    refreshList();
  } catch (e) {
    delete result.dataset.taskId;
    showResult(result, false, e.message);
  }
}

async function cancelTask(id) {
  const result = $('#cancel-result');
  $('#cancel-id').value = id;
  if (!id) {
    showResult(result, false, 'Enter the id of the task to cancel.');
    return;
  }
  try {
    const task = await api('DELETE', `tasks/${encodeURIComponent(id)}`);
    showResult(result, true, 'Cancelled ', taskLink(task.id, task.id), '.');
    showTask(task.id);
    refreshList();
  } catch (e) {
    showResult(result, false, e.message);
  }
}

// ---- wiring ------------------------------------------------------------------------------------------------------

function refreshAll(lateness = false, fromTimer = false) {
  refreshList(fromTimer);
  if (timeline.id && (!timeline.final || !fromTimer)) refreshTimeline(fromTimer);
  if (lateness || Date.now() - latenessState.at >= LATENESS_REFRESH_MS) refreshLateness();
}

function taskFromHash() {
  const match = /^#task=([^&]+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function start() {
  $('#api-key').value = apiKey();
  showKeyState();
  $('#key-form').addEventListener('submit', useKey);
  $('#forget-key').addEventListener('click', forgetKey);
  $('#status').addEventListener('change', resetList);
  $('#limit').addEventListener('change', resetList);
  $('#refresh').addEventListener('click', () => refreshAll(true));
  $('#first-page').addEventListener('click', resetList);
  $('#prev-page').addEventListener('click', previousPage);
  $('#next-page').addEventListener('click', nextPage);
  $('#refresh-lateness').addEventListener('click', refreshLateness);
  $('#schedule-form').addEventListener('submit', schedule);
  $('#cancel-form').addEventListener('submit', (event) => {
    event.preventDefault();
    cancelTask($('#cancel-id').value.trim());
  });
  $('#timeline-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = $('#timeline-id').value.trim();
    if (id) showTask(id);
  });
  window.addEventListener('hashchange', () => {
    const id = taskFromHash();
    if (id && id !== timeline.id) showTask(id);
  });
  $('#timestamp').value = new Date(Date.now() + 60000).toISOString();
  setInterval(() => {
    if ($('#auto-refresh').checked && !document.hidden) refreshAll(false, true);
  }, REFRESH_MS);
  const id = taskFromHash();
  if (id) {
    timeline.id = id;
    $('#timeline-id').value = id;
  }
  refreshAll(true);
}

start();
