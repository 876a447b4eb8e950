import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createI18n } from 'vue-i18n';
import en from './en.json';
import zhTW from './zh-TW.json';

type Messages = { [key: string]: string | Messages };

function leafKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

function lookup(messages: Messages, path: string): string | Messages | undefined {
  return path.split('.').reduce<string | Messages | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), messages);
}

const SRC = join(__dirname, '..');

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, ext);
    return entry.name.endsWith(ext) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const vueFiles = filesUnder(SRC, '.vue');
const sourceFiles = [...vueFiles, ...filesUnder(SRC, '.ts')];
const LETTERS = /[A-Za-z\u3400-\u9fff\uf900-\ufaff]/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
// Attributes whose literal value a user reads.
// A tag, allowing `>` inside quoted attribute values (`:type="p >= 0.5 ? ..."`).
const TAG = /<(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const TEXT_ATTRIBUTES = /\s(placeholder|title|label|alt|description|aria-label|sub-title|header|no-data-text|empty-text|text)="([^"]*)"/g;

function template(source: string): string {
  const start = source.indexOf('<template>');
  const end = source.lastIndexOf('</template>');
  return start >= 0 && end > start ? source.slice(start + '<template>'.length, end) : '';
}

describe('locales', () => {
  it('zh-TW and en have exactly the same keys', () => {
    expect(leafKeys(en as Messages).sort()).toEqual(leafKeys(zhTW as Messages).sort());
  });

  it('zh-TW is complete: no empty message', () => {
    expect(leafKeys(zhTW as Messages).filter((k) => !String(lookup(zhTW as Messages, k)).trim())).toEqual([]);
  });

  it('every key the code asks for exists (a dynamic key: its static prefix)', () => {
    const missing: string[] = [];
    for (const file of sourceFiles) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\((['`])([a-zA-Z][\w.]*)(\$\{)?[^'`]*\1/g)) {
        const key = match[2] ?? '';
        const dynamic = match[3] !== undefined;
        const path = dynamic ? key.replace(/\.$/, '') : key;
        const found = lookup(zhTW as Messages, path);
        if (found === undefined || (dynamic ? typeof found !== 'object' : typeof found !== 'string')) {
          missing.push(`${relative(SRC, file)}: ${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('no hard-coded UI text', () => {
  it('finds none in .vue templates: text nodes and text attributes come from i18n', () => {
    const offenders: string[] = [];
    for (const file of vueFiles) {
      const markup = template(readFileSync(file, 'utf8'));
      const textNodes = markup
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/\{\{[\s\S]*?\}\}/g, ' ')
        .replace(TAG, '\n')
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => LETTERS.test(s));
      const attributes = [...markup.matchAll(TEXT_ATTRIBUTES)].map((m) => m[2] ?? '').filter((v) => LETTERS.test(v));
      for (const text of [...textNodes, ...attributes]) offenders.push(`${relative(SRC, file)}: ${text}`);
    }
    expect(offenders).toEqual([]);
  });

  it('finds no Chinese text in code outside the locale files', () => {
    const offenders = sourceFiles
      .filter((file) => CJK.test(readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map((file) => relative(SRC, file));
    expect(offenders).toEqual([]);
  });

  it('would catch a hard-coded label (the scan itself works)', () => {
    const markup = template('<template><div title="Orders" :x="a > 1">配送 {{ t("x") }}</div></template>');
    expect(markup.replace(/\{\{[\s\S]*?\}\}/g, ' ').replace(TAG, '\n')).toMatch(LETTERS);
    expect([...markup.matchAll(TEXT_ATTRIBUTES)].map((m) => m[2])).toEqual(['Orders']);
  });
});

/** A message's forms: English says `one | other` where its wording follows a count; a single form is used for any count. */
const forms = (message: string): string[] => message.split('|').map((form) => form.trim());
const placeholders = (message: string): string[] => [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
// A count followed, within two words, by a plural noun: "{n} days", "Re-check {n} items", "{n} of {total} stops".
const COUNTED_NOUN = /\{(?:n|count|days|customers|total)\}\s+(?:[a-z-]+\s+){0,2}[a-z]+[^s\s]s\b/;

const textOf = (messages: Messages, key: string): string => String(lookup(messages, key));
const twoFormKeys = leafKeys(en as Messages).filter((key) => textOf(en as Messages, key).includes('|'));
/** Each placeholder filled with a text naming it, so only the count given apart picks the form. */
const named = (message: string): Record<string, string> => Object.fromEntries(placeholders(message).map((p) => [p, `<${p}>`]));
const filled = (form: string): string => form.replace(/\{(\w+)\}/g, '<$1>');

/** The arguments of the call whose `(` is at `open`, split at its top-level commas (quotes and brackets kept whole). */
function callArguments(source: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (let i = open + 1; i < source.length; i++) {
    const c = source[i] ?? '';
    if (quote) {
      if (c === '\\') current += c + (source[++i] ?? '');
      else current += c;
      if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return [...args, current.trim()];
      depth--;
    } else if (c === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  return args;
}

describe('plurals', () => {
  const i18n = createI18n({ legacy: false, locale: 'en', fallbackLocale: 'zh-TW', messages: { 'zh-TW': zhTW, en } });
  const t = (locale: 'en' | 'zh-TW', key: string, values: Record<string, unknown>, count: number): string => {
    i18n.global.locale.value = locale;
    return i18n.global.t(key, values, count);
  };

  it('gives every English message that counts a plural noun a singular and a plural form, and says no "(s)"', () => {
    const entries = leafKeys(en as Messages).map((key) => [key, textOf(en as Messages, key)] as const);
    expect(entries.filter(([, message]) => COUNTED_NOUN.test(message) && forms(message).length !== 2).map(([key]) => key)).toEqual([]);
    expect(entries.filter(([, message]) => forms(message).length > 2 || /\w\(s\)/.test(message)).map(([key]) => key)).toEqual([]);
    expect(twoFormKeys.length).toBeGreaterThanOrEqual(30);
  });

  it('renders the first English form for one and the second for more, whatever else the message names', () => {
    const misread = twoFormKeys.filter((key) => {
      const message = textOf(en as Messages, key);
      const [one = '', other = ''] = forms(message);
      return t('en', key, named(message), 1) !== filled(one) || t('en', key, named(message), 2) !== filled(other) || t('en', key, named(message), 0) !== filled(other);
    });
    expect(misread).toEqual([]);
  });

  it.each([
    ['board.total', { n: 1 }, 1, '1 order', { n: 2 }, 2, '2 orders'],
    ['safety.due.overdue', { n: 1 }, 1, '1 day overdue', { n: 12 }, 12, '12 days overdue'],
    ['settlement.corrected', { n: 1 }, 1, 'Corrected once', { n: 2 }, 2, 'Corrected 2 times'],
    ['cylinders.ageYears', { n: 1 }, 1, '1 yr', { n: 0 }, 0, '0 yrs'],
    ['driver.remaining', { left: 0, total: 1 }, 1, '0 of 1 stop left', { left: 1, total: 3 }, 3, '1 of 3 stops left'],
    ['safety.due.total', { n: 1, days: 30 }, 1, '1 customer due within 30 days (overdue and never inspected included)', { n: 4, days: 30 }, 4, '4 customers due within 30 days (overdue and never inspected included)'],
    ['invoices.source.deliveries', { customer: 'Lin', n: 1 }, 1, 'Lin (1 delivery)', { customer: 'Lin', n: 3 }, 3, 'Lin (3 deliveries)'],
    ['cylinders.batch.refused', { n: 1, rest: 2 }, 1, '1 cannot be processed this way and is left out; the other 2 will be:', { n: 2, rest: 1 }, 2, '2 cannot be processed this way and are left out; the other 1 will be:'],
    ['safety.driver.recheckItems', { items: 'Hose' }, 1, 'Re-check: last time this needed fixing: Hose', { items: 'Hose, Regulator' }, 2, 'Re-check: last time these needed fixing: Hose, Regulator'],
    ['alerts.kinds.system_cylinder_serials_unknown', { serials: 'A1', customer: 'Lin' }, 1, 'Cylinder A1 collected from Lin is not in the register (or not in service); register or check it', { serials: 'A1 and B2', customer: 'Lin' }, 2, 'Cylinders A1 and B2 collected from Lin are not in the register (or not in service); register or check them'],
    ['alerts.kinds.system_service_call_unsafe_orders', { customer: 'Lin', orders: 1, dates: '12/3' }, 1, "Service call closed: Lin's installation is unsafe and the supply stopped; book a safety inspection. 1 order booked before (12/3) still brings gas and is not cancelled by itself: cancel it or make it a collection of empties, and tell the driver", { customer: 'Lin', orders: 2, dates: '12/3, 12/5' }, 2, "Service call closed: Lin's installation is unsafe and the supply stopped; book a safety inspection. 2 orders booked before (12/3, 12/5) still bring gas and are not cancelled by themselves: cancel them or make them collections of empties, and tell the driver"],
  ])('reads %s in the singular for one and in the plural for more', (key, oneValues, one, singular, otherValues, other, plural) => {
    expect(t('en', key, oneValues, one)).toBe(singular);
    expect(t('en', key, otherValues, other)).toBe(plural);
  });

  it('keeps zh-TW to one form, naming what both English forms name, read the same for any count', () => {
    expect(leafKeys(zhTW as Messages).filter((key) => textOf(zhTW as Messages, key).includes('|'))).toEqual([]);
    const differing = twoFormKeys.filter((key) => placeholders(textOf(zhTW as Messages, key)).join() !== placeholders(textOf(en as Messages, key)).join());
    expect(differing).toEqual([]);
    const varying = twoFormKeys.filter((key) => {
      const message = textOf(zhTW as Messages, key);
      return [0, 1, 2].some((count) => t('zh-TW', key, named(message), count) !== filled(message));
    });
    expect(varying).toEqual([]);
    expect(t('zh-TW', 'safety.due.overdue', { n: 1 }, 1)).toBe('逾期 1 天');
    expect(t('zh-TW', 'driver.remaining', { left: 0, total: 1 }, 1)).toBe('剩 0 站／共 1 站');
    expect(t('zh-TW', 'invoices.source.deliveries', { customer: '林家麵店', n: 3 }, 3)).toBe('林家麵店（3 筆送貨）');
  });

  it('passes the count that picks the form at every call of a two-form key', () => {
    const uncounted: string[] = [];
    for (const file of sourceFiles) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\('([\w.]+)'/g)) {
        if (!twoFormKeys.includes(match[1] ?? '')) continue;
        const args = callArguments(text, (match.index ?? 0) + 1);
        if (args.length !== 3 || !args[2]) uncounted.push(`${relative(SRC, file)}: t(${args.join(', ')})`);
      }
    }
    expect(uncounted).toEqual([]);
  });

  it('would catch a call without the count (the scan itself works)', () => {
    const source = "t('board.total', { n: f(a, b) }), t('x', `a,${b}`, c)";
    expect(callArguments(source, 1)).toEqual(["'board.total'", '{ n: f(a, b) }']);
    expect(callArguments(source, source.lastIndexOf('t(') + 1)).toEqual(["'x'", '`a,${b}`', 'c']);
  });
});
