import { expect, Locator, Page, test, TestInfo } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The demo's production cluster: COS pools default-pool and arm-pool (whose
// nodes lock their audit configuration) and ubuntu-pool, which cos-auditd
// cannot cover. See packages/gke-sim/src/config/demoClusters.ts.
const CLUSTER_PAGE = '/catalog/default/resource/demo-gke-prod';
const REPORT_DIR = join(__dirname, '..', '..', '..', 'e2e-test-report');
const SCREENSHOTS = join(REPORT_DIR, 'screenshots');

let step = 0;
const timings: Record<string, number> = {};

/**
 * Records a figure the issue asks to measure and report (never assert): in
 * e2e-test-report/timings.json, the test's annotations and the log.
 */
function report(testInfo: TestInfo, name: string, value: number, note = '') {
  timings[name] = value;
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(
    join(REPORT_DIR, 'timings.json'),
    `${JSON.stringify(timings, null, 2)}\n`,
  );
  testInfo.annotations.push({ type: name, description: `${value} ${note}` });
  // eslint-disable-next-line no-console -- figures are reported, not asserted
  console.log(`${name}: ${value} ${note}`);
}

/** Saves a numbered full-page screenshot, as a file and as an attachment. */
async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  step += 1;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(
    SCREENSHOTS,
    `${String(step).padStart(2, '0')}-${name}.png`,
  );
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** The InfoCard with this title. */
function card(page: Page, title: string): Locator {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText(title, { exact: true }) });
}

// Each run's screenshots and figures replace the last run's.
test.beforeAll(() => {
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  rmSync(join(REPORT_DIR, 'timings.json'), { force: true });
});

/** An entity page's tab, which the new entity page renders as a link. */
function entityTab(page: Page, title: string): Locator {
  return page.getByRole('link', { name: title, exact: true });
}

/** The open dialog, once its fade-in is over (for a sharp screenshot). */
async function openDialog(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(page.locator('.MuiDialog-container')).toHaveCSS('opacity', '1');
  return dialog;
}

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('heading', { name: 'cos-auditd demo Catalog' }),
  ).toBeVisible();
}

test('a platform engineer turns audit logging on and off for demo-gke-prod', async ({
  page,
}, testInfo) => {
  await test.step('sign in as guest', async () => {
    await signInAsGuest(page);
    await screenshot(page, testInfo, 'signed-in');
  });

  const rollout = card(page, 'Audit logging rollout');
  const actions = card(page, 'Actions');

  await test.step('open the Audit logging tab of demo-gke-prod', async () => {
    await page.goto(CLUSTER_PAGE);
    const tab = entityTab(page, 'Audit logging');
    await expect(tab).toBeVisible();
    const started = Date.now();
    await tab.click();
    // A fresh demo has nothing installed; a reused one may show the last
    // run's disable.
    await expect(
      rollout.getByText(
        /^(Audit logging is not installed on this cluster|Disabled|Removed, nodes to recreate)$/,
      ),
    ).toBeVisible();
    report(
      testInfo,
      'rolloutCardMs',
      Date.now() - started,
      'ms from the tab click to the rollout card (target 2000 ms)',
    );
    await screenshot(page, testInfo, 'not-installed');
  });

  await test.step('enable audit logging', async () => {
    await actions.getByRole('button', { name: 'Enable audit logging' }).click();
    const dialog = await openDialog(page);
    await screenshot(page, testInfo, 'enable-dialog');
    await dialog.getByRole('button', { name: 'Enable', exact: true }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('the rollout reaches active; the Ubuntu pool is not covered', async () => {
    await expect(rollout.getByText('Active', { exact: true })).toBeVisible({
      timeout: 3 * 60_000,
    });
    const ubuntuRows = rollout
      .getByRole('row')
      .filter({ hasText: 'ubuntu-pool' });
    await expect(ubuntuRows).toHaveCount(2);
    for (const row of await ubuntuRows.all()) {
      await expect(row).toContainText('runs only on Container-Optimized OS');
    }
    await expect(
      rollout.getByText('5 of 5 COS nodes', { exact: true }),
    ).toBeVisible();
    await screenshot(page, testInfo, 'active');
  });

  const events = card(page, 'Recent audit events');

  await test.step('at least one execution is read back from Cloud Logging', async () => {
    await events.scrollIntoViewIfNeeded();
    await expect(async () => {
      await events.getByRole('button', { name: 'Refresh' }).click();
      await expect(events.getByText('/usr/bin/').first()).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 2 * 60_000 });
    await screenshot(page, testInfo, 'executions');
  });

  await test.step('at least one failed login stands out', async () => {
    await events.getByRole('tab', { name: 'Logins' }).click();
    await expect(async () => {
      await events.getByRole('button', { name: 'Refresh' }).click();
      await expect(
        events.getByText('failed', { exact: true }).first(),
      ).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 2 * 60_000 });
    await screenshot(page, testInfo, 'logins');
  });

  await test.step('the events table stays responsive with 1,000 events', async () => {
    const shown = events.getByText(/^Showing \d+ events/);
    const loadMore = events.getByRole('button', { name: 'Load more' });
    const loaded = async () =>
      Number((await shown.textContent())?.match(/Showing (\d+)/)?.[1] ?? 0);
    // The simulated nodes log a few events a second each, so 1,000 logins
    // may need a little more traffic: start over from the newest page.
    await expect(async () => {
      await events.getByRole('button', { name: 'Refresh' }).click();
      await expect(shown).toBeVisible();
      while ((await loaded()) < 1000 && (await loadMore.isVisible())) {
        const before = await loaded();
        await loadMore.click();
        await expect.poll(loaded).toBeGreaterThan(before);
      }
      expect(await loaded()).toBeGreaterThanOrEqual(1000);
    }).toPass({ timeout: 3 * 60_000, intervals: [10_000] });
    report(
      testInfo,
      'eventsLoaded',
      await loaded(),
      'login events in the table',
    );

    const started = Date.now();
    await events.getByRole('button', { name: 'Next Page' }).click();
    // material-table renders its page caption twice, one for narrow screens.
    await expect(
      events.getByText(/^21-40 of \d+/).filter({ visible: true }),
    ).toBeVisible();
    report(
      testInfo,
      'eventsNextPageMs',
      Date.now() - started,
      'ms to show the next page of the table',
    );
    await screenshot(page, testInfo, 'thousand-events');
  });

  const filters = card(page, 'Active filters');

  await test.step('change the filters and see them active', async () => {
    await expect(
      filters.getByText('balanced', { exact: false }).first(),
    ).toBeVisible();
    await actions.getByRole('button', { name: 'Update filters' }).click();
    const dialog = await openDialog(page);
    await dialog.getByLabel('Preset').click();
    await page.getByRole('option', { name: /exec-and-login/ }).click();
    await screenshot(page, testInfo, 'update-filters-dialog');
    await dialog.getByRole('button', { name: 'Apply filters' }).click();
    await expect(dialog).toBeHidden();
    await expect(filters.getByText(/exec-and-login/).first()).toBeVisible();
    await screenshot(page, testInfo, 'filters-changed');
  });

  await test.step('disable and see each node’s outcome', async () => {
    await actions
      .getByRole('button', { name: 'Disable audit logging' })
      .click();
    const dialog = await openDialog(page);
    await screenshot(page, testInfo, 'disable-dialog');
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(actions.getByText(/Audit logging was removed/)).toBeVisible({
      timeout: 5 * 60_000,
    });
    const outcomes = actions.getByRole('row');
    await expect(outcomes.filter({ hasText: 'default-pool' })).toHaveCount(3);
    for (const row of await outcomes
      .filter({ hasText: 'default-pool' })
      .all()) {
      await expect(row).toContainText('Disabled');
    }
    for (const row of await outcomes.filter({ hasText: 'arm-pool' }).all()) {
      await expect(row).toContainText('Locked until recreated');
    }
    await expect(
      actions.getByText(/rolling-action replace/).first(),
    ).toBeVisible();
    await screenshot(page, testInfo, 'disabled');
  });
});

test('the three demo clusters have the Audit logging tab, other entities not', async ({
  page,
}) => {
  await signInAsGuest(page);
  for (const cluster of ['demo-gke-prod', 'demo-gke-dev', 'demo-autopilot']) {
    await page.goto(`/catalog/default/resource/${cluster}`);
    await expect(entityTab(page, 'Audit logging')).toBeVisible();
  }
  for (const other of [
    '/catalog/default/user/guest',
    '/catalog/default/group/platform-security',
  ]) {
    await page.goto(other);
    await expect(entityTab(page, 'Overview')).toBeVisible();
    await expect(entityTab(page, 'Audit logging')).toHaveCount(0);
  }
});
