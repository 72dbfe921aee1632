// The web page in a real browser (Debian's Chromium, driven headless by playwright-core) against a running API:
// schedules tasks through the form, watches one become COMPLETED in the list and its timeline, finds it in the
// lateness histogram, sees a webhook's failed first attempt and its retry, cancels a task and sees it CANCELLED, and
// checks that the API's refusal is shown in words. Saves a screenshot. Stops by itself within 30 s.
//
// Environment: API_URL (http://127.0.0.1:8080), TASKS_API_KEY (none: a keyless local API),
// PAGE_SCREENSHOT (src-e2e/target/page.png), CHROMIUM (/usr/bin/chromium).
// Exit 0 when every check passed, 1 when one failed, 2 when it could not run.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const API_URL = (process.env.API_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const API_KEY = process.env.TASKS_API_KEY || '';
const SCREENSHOT = process.env.PAGE_SCREENSHOT || 'src-e2e/target/page.png';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WHOLE_TEST_MS = 30_000;
const STEP_MS = 10_000;
/** A task due this soon is run by the local runtime within the test's time. */
const DUE_IN_SECONDS = 3;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const started = Date.now();
/** The page under test, for a screenshot when a check fails. */
let openPage = null;
const log = (message) => console.log(`page-test ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${message}`);

const watchdog = setTimeout(() => {
  console.log(`page-test: FAIL: not done within ${WHOLE_TEST_MS / 1000} s`);
  process.exit(1);
}, WHOLE_TEST_MS);

/** A webhook target on loopback: answers the first delivery 500 and every later one 200, so the task is retried. */
function startReceiver() {
  const deliveries = [];
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      deliveries.push(new Date());
      response.writeHead(deliveries.length === 1 ? 500 : 200, { 'Content-Type': 'text/plain' });
      response.end(deliveries.length === 1 ? 'not yet' : 'ok');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}/hook`, deliveries, close: () => server.close() })));
}

/** The task as the API gives it, to check the page against. */
async function apiTask(id) {
  const headers = API_KEY ? { Authorization: `Bearer ${API_KEY}` } : {};
  const response = await fetch(`${API_URL}/tasks/${id}`, { headers, signal: AbortSignal.timeout(STEP_MS) });
  assert.equal(response.status, 200, `GET /tasks/${id}`);
  return response.json();
}

/** Fills the schedule form and submits it; resolves to the new task's id, as the page reports it. */
async function scheduleThroughForm(page, { seconds, payload = '', webhook = '' }) {
  await page.check('input[name="when"][value="seconds"]');
  await page.fill('#seconds', String(seconds));
  await page.fill('#payload', payload);
  await page.fill('#webhook', webhook);
  const result = page.locator('#schedule-result');
  const before = await result.getAttribute('data-task-id');
  await page.click('#schedule-form button[type="submit"]');
  await page.waitForFunction(
    (previous) => {
      const id = document.querySelector('#schedule-result').dataset.taskId;
      return id && id !== previous;
    },
    before,
    { timeout: STEP_MS });
  assert.match(await result.textContent(), /^Scheduled [0-9a-f-]{36} \(SCHEDULED\), due /);
  return result.getAttribute('data-task-id');
}

async function showList(page, status) {
  await page.selectOption('#status', status);
}

/** Waits until the list (in the status shown) holds the task. */
async function waitForRow(page, id, status, timeout = STEP_MS) {
  await page.locator(`#task-table tr[data-task-id="${id}"][data-status="${status}"]`).waitFor({ timeout });
}

async function waitForTimeline(page, id, status, timeout = STEP_MS) {
  await page.locator(`#timeline-body .task-head[data-task-id="${id}"][data-status="${status}"]`).waitFor({ timeout });
}

function bucketOf(lateMs) {
  if (lateMs < 0) return 'early';
  if (lateMs < 10) return '< 10 ms';
  if (lateMs < 100) return '10–100 ms';
  if (lateMs < 1000) return '100 ms–1 s';
  if (lateMs < 10000) return '1–10 s';
  return '≥ 10 s';
}

async function run() {
  const health = await fetch(`${API_URL}/actuator/health`, { signal: AbortSignal.timeout(STEP_MS) }).catch(() => null);
  if (!health || !health.ok) {
    console.log(`page-test: no API at ${API_URL}: start it with make run, or give API_URL`);
    return 2;
  }
  const receiver = await startReceiver();
  const userDataDir = await mkdtemp(join(tmpdir(), 'page-test-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1360, height: 900 },
      timeout: STEP_MS,
    });
    log(`Chromium ${context.browser()?.version() ?? ''} started; opening ${API_URL}/`);
    const page = context.pages()[0] ?? (await context.newPage());
    openPage = page;
    page.setDefaultTimeout(STEP_MS);
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Chromium logs every 4xx answer; those this test provokes (a wrong key, a refused task, a second cancel) are expected.
    const provoked = /^Failed to load resource: the server responded with a status of (400|401|409) /;
    page.on('console', (message) => {
      if (message.type() === 'error' && !provoked.test(message.text())) pageErrors.push(message.text());
    });

    await page.goto(`${API_URL}/`, { waitUntil: 'load' });
    assert.equal(await page.title(), 'Tasks Service');
    if (!API_KEY) {
      // The key field's key is sent: a wrong one is refused (even where keyless calls are allowed), in words.
      await page.fill('#api-key', 'tsk_not-a-key');
      await page.click('#key-form button[type="submit"]');
      await page.locator('#message').filter({ hasText: 'Unauthorized: The API key is not valid. Check the API key above.' }).waitFor();
      await page.click('#forget-key');
      await page.locator('#message').waitFor({ state: 'hidden' });
      log('a wrong key is refused in words; forgotten, the page works keyless');
    } else {
      await page.fill('#api-key', API_KEY);
      await page.click('#key-form button[type="submit"]');
    }
    assert.equal(await page.textContent('#key-state'), API_KEY ? 'Key set for this tab.' : 'No key: only a keyless local API (make run) answers.');
    await page.locator('#page-number').filter({ hasText: 'page 1' }).waitFor();

    // The API's refusal, in words, and nothing created.
    await page.fill('#seconds', '-1');
    await page.click('#schedule-form button[type="submit"]');
    await page.locator('#schedule-result.error').waitFor();
    assert.equal(
      await page.textContent('#schedule-result'),
      'Invalid request: seconds: must not be negative.');
    log('a refused task is explained: "Invalid request: seconds: must not be negative."');

    // The webhook's task first: its retry waits up to 5 s (the default policy), while the other checks run.
    const retried = await scheduleThroughForm(page, { seconds: DUE_IN_SECONDS, webhook: receiver.url });
    log(`scheduled ${retried} through the form to a webhook that fails once, due in ${DUE_IN_SECONDS} s`);
    const completing = await scheduleThroughForm(page, {
      seconds: DUE_IN_SECONDS,
      payload: '{"source": "page-test", "amount": 12.50}',
    });
    log(`scheduled ${completing}, due in ${DUE_IN_SECONDS} s`);
    const waiting = await scheduleThroughForm(page, { seconds: 3600, payload: '{"source": "page-test"}' });
    const cancelled = await scheduleThroughForm(page, { seconds: 600 });
    log(`scheduled ${waiting} (an hour ahead) and ${cancelled} (to cancel)`);
    assert.deepEqual((await apiTask(completing)).payload, { source: 'page-test', amount: 12.5 });

    // Cancel through the form: the result, the timeline and the list say CANCELLED.
    await page.fill('#cancel-id', cancelled);
    await page.click('#cancel-form button[type="submit"]');
    await page.locator('#cancel-result.ok').filter({ hasText: `Cancelled ${cancelled}.` }).waitFor();
    await waitForTimeline(page, cancelled, 'CANCELLED');
    await showList(page, 'CANCELLED');
    await waitForRow(page, cancelled, 'CANCELLED');
    assert.equal((await apiTask(cancelled)).status, 'CANCELLED');
    log(`cancelled ${cancelled}: CANCELLED in the list and the timeline`);

    // Cancelling it again is refused, in words.
    await page.click('#cancel-form button[type="submit"]');
    await page.locator('#cancel-result.error').waitFor();
    assert.match(await page.textContent('#cancel-result'), /^[A-Z][^:]*: .*CANCELLED/);
    log(`cancelling it again: "${await page.textContent('#cancel-result')}"`);

    await showList(page, 'SCHEDULED');
    await waitForRow(page, waiting, 'SCHEDULED');

    // The task run on time: COMPLETED in the list (refreshed by the page itself) and in its timeline.
    await showList(page, 'COMPLETED');
    await waitForRow(page, completing, 'COMPLETED', 15_000);
    log(`${completing} is COMPLETED in the list`);
    await page.click(`#task-table tr[data-task-id="${completing}"] a.task-link`);
    await waitForTimeline(page, completing, 'COMPLETED');
    const events = await page.locator('#timeline-body li').evaluateAll((items) => items.map((item) => item.dataset.event));
    assert.deepEqual(events, ['created', 'due', 'succeeded', 'completed']);
    const task = await apiTask(completing);
    const lateMs = Date.parse(task.executedAt) - Date.parse(task.timestamp);
    assert.ok(lateMs >= 0, `executedAt ${task.executedAt} is before its time ${task.timestamp}`);
    log(`its timeline: ${events.join(', ')}; it ran ${lateMs} ms after its time`);

    // The histogram counts it, in the bucket of its lateness.
    await page.click('#refresh-lateness');
    await page.locator(`#recent-runs tr[data-task-id="${completing}"]`).waitFor();
    const bucket = page.locator(`#histogram .bucket[data-bucket="${bucketOf(lateMs)}"]`);
    assert.ok(Number(await bucket.getAttribute('data-count')) >= 1, `bucket ${bucketOf(lateMs)} is empty`);
    const counts = await page.locator('#histogram .bucket').evaluateAll((bars) => bars.map((bar) => Number(bar.dataset.count)));
    const runs = Number(await page.getAttribute('#lateness-summary', 'data-runs'));
    assert.equal(counts.reduce((a, b) => a + b, 0), runs);
    log(`the histogram counts it in "${bucketOf(lateMs)}" (${runs} run(s) in all)`);

    // The webhook's first attempt failed (HTTP 500); the retry succeeded: both attempts on its timeline.
    await page.fill('#timeline-id', retried);
    await page.click('#timeline-form button[type="submit"]');
    await waitForTimeline(page, retried, 'COMPLETED', 12_000);
    const attempts = await page.locator('#timeline-body li.failed, #timeline-body li.succeeded').allTextContents();
    assert.equal(attempts.length, 2, attempts.join(' | '));
    assert.match(attempts[0], /Attempt 1: FAILED.*HTTP 500/);
    assert.match(attempts[1], /Attempt 2: SUCCEEDED.*HTTP 200/);
    assert.equal(receiver.deliveries.length, 2);
    log(`${retried}: attempt 1 FAILED (HTTP 500), attempt 2 SUCCEEDED (HTTP 200), COMPLETED`);

    await waitForRow(page, retried, 'COMPLETED');
    await page.click('#refresh-lateness');
    await page.locator(`#recent-runs tr[data-task-id="${retried}"]`).waitFor();
    assert.deepEqual(pageErrors, [], 'the page reported errors');
    assert.ok(await page.locator('#message').isHidden(), 'an error is shown above the page');

    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    log(`screenshot: ${SCREENSHOT}`);
    return 0;
  } catch (error) {
    const failure = SCREENSHOT.replace(/(\.png)?$/, '-failure.png');
    await mkdir(dirname(failure), { recursive: true }).catch(() => {});
    await openPage?.screenshot({ path: failure, fullPage: true }).then(
      () => console.log(`page-test: the page as it was: ${failure}`),
      () => {});
    throw error;
  } finally {
    await context?.close().catch(() => {});
    receiver.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

let status;
try {
  status = await run();
  if (status === 0) console.log(`page-test: PASS in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.log(`page-test: FAIL: ${error.message}`);
  status = 1;
}
clearTimeout(watchdog);
process.exit(status);
