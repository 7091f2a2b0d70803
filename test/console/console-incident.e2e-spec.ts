import type { Page } from 'playwright-core';
import { Permanent, startPlainWorker, type PlainJob } from '../support/plain-bullmq-worker';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { launchBrowser, type Browser } from './support/browser';
import { buildConsole, type BuiltConsole } from './support/build-console';
import { screenshot } from './support/screenshot';

const OPERATOR = { name: 'ops', role: 'operator', key: 'operator-key-0123456789' };
const VIEWER = { name: 'dash', role: 'viewer', key: 'viewer-key-0123456789' };
const auth = { Authorization: `Bearer ${OPERATOR.key}` };

const ORDER_SAGA = {
  version: 1,
  description: 'place an order',
  steps: [
    { name: 'reserve', action: { queue: 'console.reserve' }, compensation: { queue: 'console.release' } },
    { name: 'charge', action: { queue: 'console.charge' }, compensation: { queue: 'console.refund' } },
    { name: 'email', action: { queue: 'console.email' }, compensation: null },
  ],
};

let built: BuiltConsole;
let browser: Browser;

beforeAll(async () => {
  built = await buildConsole();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await built?.remove();
}, 60_000);

/** Starts listening on a free port of the loopback; the console's base URL. */
async function listen(t: TestApp): Promise<string> {
  const server = t.app.getHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/**
 * The incident of the README, clicked through in real Chromium: the payments build declines every
 * card for a window of orders; the operator finds them, reads one's history, dry-runs a replay of
 * the window, confirms it once payments is fixed, and watches them complete.
 */
describe('web console in Chromium: the incident flow (e2e)', () => {
  let t: TestApp;
  let base: string;
  const workers: { close(): Promise<void> }[] = [];
  let paymentsBroken = false;
  const window = { from: '', to: '' };
  const inside = ['order-4', 'order-5', 'order-6', 'order-7'];

  const step = async (job: PlainJob) => {
    if (job.data.step === 'charge' && job.data.kind === 'action' && paymentsBroken) throw new Permanent('card declined: payments answered 402 (build 10:02)');
    return { step: job.data.step, at: job.data.kind };
  };
  const api = (path: string) => t.http.get(path).set(auth).expect(200);
  const publish = async (ids: string[]) => {
    for (const id of ids) await t.http.post('/v1/messages').set(auth).send({ saga: 'order', id, correlationId: `cart-${id}`, payload: { sku: 'A-1', qty: 1 } }).expect(202);
  };
  const settled = (ids: string[], status: string) =>
    waitFor(async () => (await Promise.all(ids.map(async (id) => (await api(`/v1/messages/${id}`)).body.status))).every((s) => s === status), `${ids.join(', ')} ${status}`, 30_000);

  beforeAll(async () => {
    t = await startTestApp('console-incident', { RETRACE_API_KEYS: JSON.stringify([OPERATOR, VIEWER]), RETRACE_CONSOLE_DIR: built.dir }, { operationTickMs: 50 });
    for (const queue of ['reserve', 'release', 'charge', 'refund', 'email']) workers.push(startPlainWorker(`console.${queue}`, t.prefix, step));
    await t.http.put('/v1/sagas/order').set(auth).send(ORDER_SAGA).expect(201);
    await publish(['order-1', 'order-2', 'order-3']);
    await settled(['order-1', 'order-2', 'order-3'], 'COMPLETED');
    paymentsBroken = true;
    await publish(inside);
    await settled(inside, 'COMPENSATED');
    paymentsBroken = false;
    await publish(['order-8', 'order-9']);
    await settled(['order-8', 'order-9'], 'COMPLETED');
    window.from = (await api('/v1/messages/order-4')).body.createdAt;
    window.to = (await api('/v1/messages/order-7')).body.createdAt;
    base = await listen(t);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await t?.close();
  }, 60_000);

  const logIn = async (page: Page, key: string) => {
    await page.goto(`${base}/admin`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Messages' }).waitFor();
  };
  const rowIds = (page: Page) => page.locator('table[aria-label="messages"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
  const eventually = <T>(probe: () => Promise<T | undefined | null | false>, what: string) => waitFor(probe, what, 30_000);

  it('finds the failed window, reads a history, dry-runs and replays it, and watches the orders complete', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/admin`);
    await page.getByText('API key').waitFor();
    await page.getByLabel('API key').fill('not-a-key-0123456789');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText(/That key was refused/).waitFor();
    await logIn(page, OPERATOR.key);
    expect(await page.locator('.who').innerText()).toMatch(/ops · operator/);

    // 1. Find them: compensated orders accepted in the window.
    await page.getByLabel('COMPENSATED').check();
    await page.getByLabel('Accepted from').fill(window.from);
    await page.getByLabel('to', { exact: true }).fill(window.to);
    await page.getByRole('button', { name: 'Apply' }).click();
    await eventually(async () => JSON.stringify(await rowIds(page)) === JSON.stringify([...inside].reverse()), 'the 4 compensated orders of the window');
    expect(await page.locator('table[aria-label="messages"]').innerText()).toMatch(/charge: card declined: payments answered 402/);
    await screenshot(page, 'messages');

    // The text search narrows to one, by correlation id.
    await page.getByLabel('Search').fill('cart-order-5');
    await page.getByRole('button', { name: 'Apply' }).click();
    await eventually(async () => JSON.stringify(await rowIds(page)) === '["order-5"]', 'the search to find order-5');

    // 2. Its history: the timeline and the steps diagram.
    await page.getByRole('link', { name: 'order-5' }).click();
    await page.getByRole('heading', { name: 'order-5' }).waitFor();
    const timeline = page.locator('table[aria-label="timeline"]');
    await timeline.getByText('StepFailed').waitFor();
    expect(await timeline.innerText()).toMatch(/card declined: payments answered 402/);
    expect(await timeline.innerText()).toMatch(/MessageSettled/);
    const diagram = await page.locator('[aria-label="steps"]').innerText();
    expect(diagram).toMatch(/reserve[\s\S]*succeeded[\s\S]*compensated/);
    expect(diagram).toMatch(/charge\s+failed/);
    expect(diagram).toMatch(/email\s+not run/);
    await screenshot(page, 'message');

    // 3. Dry run over the window from the list's selection, then confirm once payments is fixed.
    await page.goBack();
    await page.getByRole('heading', { name: 'Messages' }).waitFor();
    expect(await page.getByLabel('Search').inputValue()).toBe('cart-order-5');
    await page.getByLabel('Search').fill('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await eventually(async () => (await rowIds(page)).length === 4, 'the window again');
    await page.getByRole('link', { name: 'Bulk action on this selection…' }).click();
    await page.getByRole('heading', { name: 'Bulk operations' }).waitFor();
    expect(await page.locator('input[name="from"]').inputValue()).toBe(window.from);
    await page.locator('select[name="mode"]').selectOption('restart');
    await page.locator('input[name="saga"]').fill('order');
    await page.locator('input[name="reason"]').fill('bad payments deploy');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByText('Dry run: nothing has changed yet').waitFor();
    expect(await page.getByTestId('matched').innerText()).toBe('4');
    expect(await page.locator('[aria-label="plan"]').innerText()).toMatch(/reserve 4, charge 4, email 4/);
    await screenshot(page, 'bulk-plan');
    for (const id of inside) expect((await api(`/v1/messages/${id}`)).body.status).toBe('COMPENSATED');

    await page.getByRole('button', { name: 'Confirm: replay 4 message(s)' }).click();
    const progress = page.locator('[aria-label="progress"]');
    await progress.getByText(/Done: all 4 message\(s\) reached the goal/).waitFor({ timeout: 30_000 });
    expect(await progress.locator('[role="progressbar"]').getAttribute('aria-valuenow')).toBe('4');
    expect(await progress.innerText()).toMatch(/4\/4 \(100%\)/);
    await eventually(async () => /replay \(restart\)\s+completed/.test(await page.getByRole('table', { name: 'operations' }).innerText()), 'the operation listed as completed');
    await screenshot(page, 'bulk-done');

    // 4. The window's orders show COMPLETED in the list.
    await page.goto(`${base}/admin/?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}`);
    await eventually(async () => {
      const text = await page.locator('table[aria-label="messages"]').innerText();
      return (text.match(/COMPLETED/g) ?? []).length === 4 && !/COMPENSATED/.test(text);
    }, 'the 4 replayed orders to show COMPLETED');

    // The transition heatmap has the replays in it.
    await page.getByRole('link', { name: 'Transitions' }).click();
    await page.locator('table[aria-label="transition probabilities"]').waitFor();
    expect(await page.locator('table[aria-label="absorption probabilities"]').innerText()).toMatch(/COMPLETED/);
    await screenshot(page, 'heatmap');
    await page.close();
  }, 120_000);

  it("replays one message with a payload patch, showing the server's refusal first", async () => {
    const page = await browser.newPage();
    await logIn(page, OPERATOR.key);
    await page.goto(`${base}/admin/messages/order-1`);
    await page.getByRole('heading', { name: 'order-1' }).waitFor();
    await page.getByRole('button', { name: 'Replay…' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('.consequence').innerText()).toMatch(/new run of "order-1" with new job ids.*COMPLETED, so this needs force/);
    const patch = dialog.getByLabel(/Payload patch/);
    await patch.fill('{"qty": ');
    await dialog.getByText(/patch: not JSON/).waitFor();
    await patch.fill('{"qty": 3, "sku": null}');
    expect(await dialog.locator('pre.json').innerText()).toBe(JSON.stringify({ qty: 3 }, null, 2));
    await dialog.getByLabel(/Reason/).fill('customer asked for 3');
    await dialog.getByRole('button', { name: 'Replay', exact: true }).click();
    expect(await dialog.getByRole('alert').innerText()).toMatch(/^409 \w+: .*COMPLETED.*force/);
    await dialog.getByLabel(/force/).check();
    await dialog.getByRole('button', { name: 'Replay', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const timeline = page.locator('table[aria-label="timeline"]');
    await timeline.getByText('ReplayStarted').waitFor();
    expect(await timeline.innerText()).toMatch(/ReplayStarted[\s\S]*customer asked for 3[\s\S]*patch \{"qty":3,"sku":null\}/);
    await settled(['order-1'], 'COMPLETED');
    expect((await api('/v1/messages/order-1')).body.payload).toEqual({ qty: 3 });
    await page.close();
  }, 60_000);

  it('lists saga definitions, and resets a subscription after a dry run', async () => {
    await t.http.put('/v1/subscriptions/billing.projector').set(auth).send({ filter: { saga: 'order' } }).expect(201);
    const page = await browser.newPage();
    await logIn(page, OPERATOR.key);
    await page.getByRole('link', { name: 'Sagas' }).click();
    const saga = page.getByRole('table', { name: 'saga order' });
    await saga.waitFor();
    expect(await saga.innerText()).toMatch(/charge\s+queue console.charge\s+queue console.refund/);
    expect(await saga.innerText()).toMatch(/email\s+queue console.email\s+none \(irreversible\)/);

    await page.getByRole('link', { name: 'Subscriptions' }).click();
    const row = page.getByRole('row', { name: /billing.projector/ });
    await row.waitFor();
    await row.getByRole('button', { name: 'Reset…' }).click();
    const dialog = page.getByRole('dialog');
    const before = (await api('/v1/subscriptions/billing.projector')).body.committedPosition;
    const target = (await api('/v1/events?after=0&limit=1000')).body.lastPosition - 5;
    await dialog.getByLabel(/To position/).fill(String(target));
    await dialog.getByLabel('Reason').fill('rebuild billing');
    expect(await dialog.getByRole('button', { name: 'Confirm reset' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await dialog.getByText(/event\(s\) delivered again/).waitFor();
    expect(await dialog.innerText()).toMatch(new RegExp(`Position ${before} → ${target - 1}: `));
    expect((await api('/v1/subscriptions/billing.projector')).body.committedPosition).toBe(before);
    await dialog.getByRole('button', { name: 'Confirm reset' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await api('/v1/subscriptions/billing.projector')).body.committedPosition).toBe(target - 1);
    expect(before).not.toBe(target - 1);
    await page.close();
  }, 60_000);

  it('shows a viewer every action disabled, saying why', async () => {
    const page = await browser.newPage();
    await logIn(page, VIEWER.key);
    expect(await page.locator('.who').innerText()).toMatch(/dash · viewer/);
    await page.goto(`${base}/admin/messages/order-1`);
    await page.getByRole('heading', { name: 'order-1' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    for (const name of ['Retract…', 'Cancel…', 'Undo…', 'Replay…']) {
      const button = page.getByRole('button', { name });
      expect(await button.isDisabled()).toBe(true);
      expect(await button.getAttribute('title')).toMatch(/"dash" is a viewer key: viewer keys are read-only; log in with an operator key to act/);
    }
    await page.getByRole('link', { name: 'Bulk operations' }).click();
    expect(await page.getByRole('button', { name: 'Dry run' }).isDisabled()).toBe(true);
    const operations = page.getByRole('table', { name: 'operations' });
    await eventually(async () => /replay \(restart\)\s+completed/.test(await operations.innerText()), 'the replay operation in the list');
    expect(await page.getByRole('button', { name: 'Cancel' }).first().isDisabled()).toBe(true);
    await page.close();
  }, 60_000);
});

describe('web console in Chromium without API keys (e2e)', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp('console-open', { RETRACE_CONSOLE_DIR: built.dir });
    base = await listen(t);
  });
  afterAll(() => t?.close());

  it('opens without a login, as the anonymous operator', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/admin/sagas`);
    await page.getByRole('heading', { name: 'Sagas' }).waitFor();
    expect(await page.locator('.who').innerText()).toMatch(/no authentication/);
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
    await page.getByText('No saga registered yet.').waitFor();
    await page.getByRole('link', { name: 'Bulk operations' }).click();
    await page.getByRole('button', { name: 'Dry run' }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(/^400 INVALID_INPUT: .*reason.*selector/s);
    await page.close();
  });
});
