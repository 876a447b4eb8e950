/**
 * Search tokens for customers. Firestore has no full-text search, so each customer stores an array of
 * tokens and a query matches with `array-contains` on one token, then `matchesSearch` filters the
 * candidates by all of the query's tokens. zh-TW text has no spaces, so text becomes overlapping
 * character bigrams (陳大明 → 陳大, 大明) plus single characters for one-character queries; phones
 * become suffixes (people search by the last digits) and prefixes (a clerk types along as a caller dictates
 * 0960-327-…); codes and latin words stay whole.
 */
import { normalisePlaceName } from './address';

const MIN_PHONE_SUFFIX = 3;
/** Shorter than 4 a prefix is a mobile's 09 or an area code, shared by half the customers. */
const MIN_PHONE_PREFIX = 4;

/** NFKC folds full-width digits and letters; 臺 → 台; lower case; spaces and punctuation removed. */
export function normaliseText(text: string): string {
  return normalisePlaceName(text.normalize('NFKC').toLowerCase()).replace(/[\s\p{P}\p{S}]/gu, '');
}

const isHan = (ch: string): boolean => /\p{Script=Han}/u.test(ch);

/** Character unigrams and bigrams of the Han runs, whole runs of latin letters and digits. */
export function textTokens(text: string): string[] {
  // Words are split before normalising, so a bigram never spans the gap between two words.
  const runs = text.split(/\s+/).flatMap((word) => normaliseText(word).match(/\p{Script=Han}+|[a-z0-9]+/gu) ?? []);
  const tokens: string[] = [];
  for (const run of runs) {
    if (!isHan(run[0] ?? '')) {
      tokens.push(run);
      continue;
    }
    const chars = [...run];
    chars.forEach((ch, i) => {
      tokens.push(ch);
      const next = chars[i + 1];
      if (next) tokens.push(ch + next);
    });
  }
  return tokens;
}

/** Every suffix of the national digits from 3 digits up (the whole number is the longest), then every prefix from 4 up. */
export function phoneTokens(digits: string): string[] {
  const tokens: string[] = [];
  for (let len = MIN_PHONE_SUFFIX; len <= digits.length; len++) tokens.push(digits.slice(-len));
  for (let len = MIN_PHONE_PREFIX; len < digits.length; len++) tokens.push(digits.slice(0, len));
  return tokens;
}

export interface SearchableCustomer {
  readonly code: string;
  readonly name: string;
  readonly contactName?: string | undefined;
  /** National digits of each phone. */
  readonly phoneDigits: readonly string[];
  readonly addressParts: readonly string[];
}

export function customerSearchTokens(c: SearchableCustomer): string[] {
  const code = normaliseText(c.code);
  const tokens = new Set<string>([code, ...(code.match(/\d+/g) ?? [])]);
  for (const part of [c.name, c.contactName ?? '', ...c.addressParts]) textTokens(part).forEach((t) => tokens.add(t));
  for (const digits of c.phoneDigits) phoneTokens(digits).forEach((t) => tokens.add(t));
  return [...tokens].sort();
}

/**
 * The tokens a query must all match, most selective first (the adapter uses the first for
 * `array-contains`). A query of digits is a phone's start or end, or a code; text uses its bigrams, or its single
 * character when it is one character long.
 */
export function searchQueryTokens(query: string): string[] {
  const norm = normaliseText(query);
  if (norm === '') return [];
  if (/^\d+$/.test(norm)) return norm.length >= MIN_PHONE_SUFFIX ? [norm] : [];
  const tokens = textTokens(query);
  const bigramsOrWords = tokens.filter((t) => [...t].length >= 2 || !isHan(t));
  const chosen = bigramsOrWords.length > 0 ? bigramsOrWords : tokens;
  return [...new Set(chosen)].sort((a, b) => b.length - a.length);
}

/** True when every token of the query is among the customer's tokens. */
export function matchesSearch(customerTokens: readonly string[], query: string): boolean {
  const queryTokens = searchQueryTokens(query);
  if (queryTokens.length === 0) return false;
  const set = new Set(customerTokens);
  return queryTokens.every((t) => set.has(t));
}
