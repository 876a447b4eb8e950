import { readFileSync } from 'node:fs';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { appRequestsAnswered, unansweredRequests } from './browser';

/** What the browser tests check with axe-core: the WCAG 2.0 / 2.1 A and AA rules, and its best practices. */
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const BEST_PRACTICE = 'best-practice';
const BLOCKING: ImpactValue[] = ['serious', 'critical'];

export interface AxeViolation {
  readonly rule: string;
  readonly bestPractice: boolean;
  readonly impact: ImpactValue | undefined;
  readonly help: string;
  readonly targets: string[];
}

/**
 * axe-core's browser build, evaluated in the page rather than added as a <script> tag: the production CSP the gateway
 * serves refuses inline scripts, and the browser tests fail on any refusal.
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** How many times axe measures a page that changed while it was measured, before the last measure is taken as it is. */
const RUNS = 3;

/**
 * Runs axe on the page as it is, or on the elements `include` selects, and answers what it finds against WCAG and the
 * best practices. A page that changed while axe measured it (an answer landing: a button enabled and easing from its
 * disabled tint, 2.2:1 on white, to its colour) is settled and measured again, so what is reported is a page at rest.
 */
export async function axeViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const options: RunOptions = { runOnly: { type: 'tag', values: [...WCAG, BEST_PRACTICE] }, resultTypes: ['violations'] };
  for (let run = 1; ; run += 1) {
    const { violations, changed } = await page.evaluate(
      async ({ runOptions, selector }) => {
        let changes = 0;
        const observer = new MutationObserver((records) => (changes += records.length));
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        // axe-core's browser build puts itself on window.
        const { axe } = window as unknown as { axe: { run: (context: Document | { include: string[] }, options: RunOptions) => Promise<AxeResults> } };
        const results = await axe.run(selector ? { include: [selector] } : document, runOptions);
        changes += observer.takeRecords().length;
        observer.disconnect();
        return {
          changed: changes > 0,
          violations: results.violations.map((v) => ({ rule: v.id, tags: v.tags, impact: v.impact, help: v.help, targets: v.nodes.map((n) => `${n.target.join(' ')}  ${n.html.slice(0, 120)}`) })),
        };
      },
      { runOptions: options, selector: include },
    );
    if (!changed || run === RUNS) return violations.map(({ tags, ...v }) => ({ ...v, bestPractice: tags.includes(BEST_PRACTICE) }));
    await settled(page);
  }
}

/** What fails a suite: a serious or critical WCAG violation, or any best-practice one. */
export const isBlocking = (v: Pick<AxeViolation, 'bestPractice' | 'impact'>): boolean => v.bestPractice || BLOCKING.includes(v.impact ?? null);

/** A violation as a failing suite names it: rule, impact, where, and the elements. */
export const describeViolation = (v: AxeViolation, where: string): string => `${v.rule} (${v.impact}) on ${where}: ${v.help}\n    ${v.targets.join('\n    ')}`;

/**
 * Until the page is at rest for axe: the app's own requests answered, no loading mask, no DOM change for 400 ms (a
 * listener's snapshot or an answer rendered) and no finite animation or transition under way (half way through a tag's
 * zoom-in its text is half transparent and fails contrast), all at once: a change may start another request. Endless
 * animations (spinners) are not waited for, and a page that never stops changing is taken as it is.
 */
export async function settled(page: Page): Promise<void> {
  // A page that keeps asking (a poll) is taken as it is after a while too.
  const until = Date.now() + 30_000;
  for (;;) {
    await appRequestsAnswered(page);
    await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'detached', timeout: 15_000 });
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            clearTimeout(quiet);
            quiet = setTimeout(done, 400);
          });
          const done = () => {
            observer.disconnect();
            clearTimeout(cap);
            resolve();
          };
          let quiet = setTimeout(done, 400);
          const cap = setTimeout(done, 8_000);
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        }),
    );
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
    );
    const quiet = unansweredRequests(page).length === 0 && (await page.locator('.el-loading-mask:visible').count()) === 0;
    if (quiet || Date.now() > until) return;
  }
}

/** What fails a suite on the resting page, or on the elements `include` selects, named for `where`. */
export async function blockingViolations(page: Page, where: string, include?: string): Promise<string[]> {
  // The pointer off whatever it clicked: a hovered control is checked on purpose (change-password.e2e), not by chance.
  await page.mouse.move(0, 0);
  await settled(page);
  return (await axeViolations(page, include)).filter(isBlocking).map((v) => describeViolation(v, where));
}
