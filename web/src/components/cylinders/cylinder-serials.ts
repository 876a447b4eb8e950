import { overdueRefusal, type CylinderDeadline, type OverdueRefusal } from '../../../../functions/src/domain/cylinders/register/door';

/**
 * 鋼印號碼 as the API keeps them (functions/src/domain/cylinders/register): letters, digits and '-', 4–20 characters,
 * upper-case. What a clerk pastes from a spreadsheet or a driver types on a phone is turned into that form here, so
 * a bad entry is pointed out before it is sent (a driver's would otherwise come back as a refusal after upload).
 */
export const SERIAL_PATTERN = /^[A-Z0-9-]{4,20}$/;

/**
 * One serial as the API keeps it: full-width characters (a Chinese keyboard's Ａ１－) made half-width, dashes of any
 * kind made '-', spaces dropped, upper-case.
 */
export function normaliseSerial(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\u30fc]/g, '-')
    .replace(/\s+/g, '')
    .toUpperCase();
}

export const isSerial = (serial: string): boolean => SERIAL_PATTERN.test(serial);

/** A pasted or typed list: the serials in the order given (each once), and the entries that are not serials. */
export interface ParsedSerials {
  serials: string[];
  invalid: string[];
  /** Serials given more than once (kept once in `serials`). */
  repeated: string[];
}

/** Entries are split at line breaks, commas, semicolons, tabs and the Chinese list marks (、，；), as a spreadsheet column or a typed list gives them. */
const SEPARATORS = /[\r\n,;\t\u3001\uff0c\uff1b]+/;

export function parseSerials(text: string): ParsedSerials {
  const serials: string[] = [];
  const invalid: string[] = [];
  const repeated: string[] = [];
  for (const entry of text.split(SEPARATORS)) {
    const serial = normaliseSerial(entry);
    if (!serial) continue;
    if (!isSerial(serial)) invalid.push(entry.trim());
    else if (serials.includes(serial)) {
      if (!repeated.includes(serial)) repeated.push(serial);
    } else serials.push(serial);
  }
  return { serials, invalid, repeated };
}

/** Adds a scanned serial to a typed list, one per line, unless the list has it already. */
export function appendSerial(text: string, scanned: string): string {
  const serial = normaliseSerial(scanned);
  if (!serial || parseSerials(text).serials.includes(serial)) return text;
  const trimmed = text.replace(/\s+$/, '');
  return trimmed ? `${trimmed}\n${serial}` : serial;
}

/**
 * What the driver typed or scanned at a stop: the full cylinders left, the empties taken back; `toCollect`, the register's
 * cylinders at the customer due for inspection (the stop's list) still ticked as taken back.
 */
export interface SerialTexts {
  delivered: string;
  collected: string;
  toCollect?: string[];
}

/** A stop's blank entries, the register's cylinders to bring back ticked: the driver swaps them, and unticks one not found. */
export const blankSerialTexts = (toCollect: readonly string[] = []): SerialTexts => ({ delivered: '', collected: '', toCollect: [...toCollect] });

/** The deliver call's optional `cylinderSerials`, and what stops it being sent. */
export interface DeliverySerials {
  /** Left out when nothing was entered: a delivery without serials is recorded as before. */
  cylinderSerials?: { delivered: string[]; collected: string[] };
  delivered: ParsedSerials;
  collected: ParsedSerials;
  /** Serials in both lists: one cylinder cannot be left full and taken back empty at the same stop. */
  inBoth: string[];
  /** Cylinders left that are past their 檢驗期限 on the door's day, as far as the phone knows their deadlines. */
  overdue: OverdueRefusal[];
  /** Entries that would have the API refuse the whole delivery. */
  ok: boolean;
}

/**
 * The deadlines the phone was given before it lost signal (the route's depot's cylinders due by the route's day, those
 * at its customers due soon) and the Taipei day at the door: a cylinder past its deadline is refused there, by the
 * server's own rule, rather than in the upload list once it is at the customer's.
 */
export interface DoorDeadlines {
  deadlines: readonly CylinderDeadline[];
  day: string;
}

export function deliverySerials(texts: SerialTexts, door?: DoorDeadlines): DeliverySerials {
  const delivered = parseSerials(texts.delivered);
  const typed = parseSerials(texts.collected);
  const ticked = texts.toCollect ?? [];
  const collected = { ...typed, serials: [...ticked, ...typed.serials.filter((s) => !ticked.includes(s))] };
  const inBoth = delivered.serials.filter((s) => collected.serials.includes(s));
  const known = new Map((door?.deadlines ?? []).map((c) => [c.serial, c]));
  const overdue = delivered.serials.flatMap((s) => {
    const c = known.get(s);
    return (door && c && overdueRefusal(c, door.day)) || [];
  });
  const ok = delivered.invalid.length === 0 && collected.invalid.length === 0 && inBoth.length === 0 && overdue.length === 0;
  const any = delivered.serials.length + collected.serials.length > 0;
  return { ...(any ? { cylinderSerials: { delivered: delivered.serials, collected: collected.serials } } : {}), delivered, collected, inBoth, overdue, ok };
}
