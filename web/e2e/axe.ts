import { readFileSync } from 'node:fs';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

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

/** Runs axe on the page as it is, or on the elements `include` selects, and answers what it finds against WCAG and the best practices. */
export async function axeViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const options: RunOptions = { runOnly: { type: 'tag', values: [...WCAG, BEST_PRACTICE] }, resultTypes: ['violations'] };
  const violations = await page.evaluate(
    async ({ runOptions, selector }) => {
      // axe-core's browser build puts itself on window.
      const { axe } = window as unknown as { axe: { run: (context: Document | { include: string[] }, options: RunOptions) => Promise<AxeResults> } };
      const results = await axe.run(selector ? { include: [selector] } : document, runOptions);
      return results.violations.map((v) => ({ rule: v.id, tags: v.tags, impact: v.impact, help: v.help, targets: v.nodes.map((n) => `${n.target.join(' ')}  ${n.html.slice(0, 120)}`) }));
    },
    { runOptions: options, selector: include },
  );
  return violations.map(({ tags, ...v }) => ({ ...v, bestPractice: tags.includes(BEST_PRACTICE) }));
}

/** What fails a suite: a serious or critical WCAG violation, or any best-practice one. */
export const isBlocking = (v: Pick<AxeViolation, 'bestPractice' | 'impact'>): boolean => v.bestPractice || BLOCKING.includes(v.impact ?? null);

/** A violation as a failing suite names it: rule, impact, where, and the elements. */
export const describeViolation = (v: AxeViolation, where: string): string => `${v.rule} (${v.impact}) on ${where}: ${v.help}\n    ${v.targets.join('\n    ')}`;

/** The page as it rests, for axe: the pointer off whatever it clicked, no transition half way. */
export async function settled(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

/** What fails a suite on the resting page, or on the elements `include` selects, named for `where`. */
export async function blockingViolations(page: Page, where: string, include?: string): Promise<string[]> {
  await settled(page);
  return (await axeViolations(page, include)).filter(isBlocking).map((v) => describeViolation(v, where));
}
