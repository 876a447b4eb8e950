/**
 * Taiwanese phone numbers. Mobiles are `09xx-xxx-xxx`; landlines are an area code and a subscriber
 * number whose length depends on the area (Taipei 8 digits, most areas 7, a few islands 5–6).
 */
export type PhoneKind = 'mobile' | 'landline';

export interface NormalisedPhone {
  readonly kind: PhoneKind;
  /** Display form: `0912-345-678` or `(02)2345-6789`, with `#ext` when given. */
  readonly display: string;
  /** National digits only (no extension), e.g. `0223456789`: what search tokens are built from. */
  readonly digits: string;
}

/** Area codes, longest first so `037` wins over `03`; values are the allowed subscriber lengths. */
const AREA_CODES: readonly (readonly [string, readonly number[]])[] = [
  ['0826', [5]],
  ['0836', [5]],
  ['037', [6]],
  ['049', [7]],
  ['082', [6]],
  ['089', [6]],
  ['02', [8]],
  ['03', [7]],
  ['04', [7, 8]],
  ['05', [7]],
  ['06', [7]],
  ['07', [7]],
  ['08', [7]],
];

function splitExtension(raw: string): { main: string; ext?: string } {
  const m = /^(.*?)(?:\s*(?:#|分機|ext\.?|x)\s*(\d{1,6}))?$/i.exec(raw.trim());
  return m?.[2] ? { main: m[1] ?? '', ext: m[2] } : { main: raw.trim() };
}

function nationalDigits(main: string): string | undefined {
  if (!/^[+\d\s()\-.]+$/.test(main)) return undefined;
  let digits = main.replace(/\D/g, '');
  if (main.trim().startsWith('+')) {
    if (!digits.startsWith('886')) return undefined;
    digits = `0${digits.slice(3)}`;
  }
  return digits;
}

const groupSubscriber = (s: string): string => (s.length <= 4 ? s : `${s.slice(0, s.length - 4)}-${s.slice(-4)}`);

/** Parses a Taiwanese mobile or landline number in any common spelling; `undefined` when it is not one. */
export function normalisePhone(raw: string): NormalisedPhone | undefined {
  const { main, ext } = splitExtension(raw.normalize('NFKC'));
  const digits = nationalDigits(main);
  if (!digits) return undefined;
  const extSuffix = ext ? `#${ext}` : '';
  if (/^09\d{8}$/.test(digits)) {
    if (ext) return undefined;
    return { kind: 'mobile', digits, display: `${digits.slice(0, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}` };
  }
  for (const [code, lengths] of AREA_CODES) {
    if (!digits.startsWith(code)) continue;
    const subscriber = digits.slice(code.length);
    // Subscriber numbers never start with 0 or 1 (those prefixes are trunk and special services).
    if (!lengths.includes(subscriber.length) || /^[01]/.test(subscriber)) return undefined;
    return { kind: 'landline', digits, display: `(${code})${groupSubscriber(subscriber)}${extSuffix}` };
  }
  return undefined;
}

export const isValidPhone = (raw: string): boolean => normalisePhone(raw) !== undefined;
