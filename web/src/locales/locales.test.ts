import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
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
