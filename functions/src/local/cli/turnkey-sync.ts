/**
 * `npm run turnkey:sync -- --api <url> --user turnkey --password-file <f> --upcast <dir> --results <dir>`: run on
 * the machine where the MOF Turnkey program runs (cron, e.g. every 10 minutes). One run:
 *  1. pulls the pending MIG messages of local-book invoices and their allowances (`GET /api/invoices/uploads?status=pending`,
 *     every page), each with its file: the XML the server built with its configured seller (LG_INVOICE_SELLER_*); a void
 *     or an allowance is listed only once the platform accepted what it rests on, so it goes up on a later run;
 *  2. writes each file as it is, `<message>_<number>.xml`, into Turnkey's `UpCast/B2SSTORAGE/<message>/SRC/`, atomically (written
 *     under `UpCast/.turnkey-sync/` first, then renamed, so Turnkey never picks up half a file); a file already there
 *     is not written again; each write leaves a marker, `UpCast/.turnkey-sync/written/<id>`, whose time says when;
 *  3. marks them delivered (`POST /api/invoices/uploads/delivered`);
 *  4. reports Turnkey's verdicts (`POST /api/invoices/uploads/results`): a file Turnkey moved to the message's `ERR/`
 *     folder failed its MIG check (rejected), and the platform's result files under `--results` (Turnkey's
 *     `Unpack/.../ProcessResult`) name each message's invoice or allowance number (an E0402: its 字軌 and 期別), with an
 *     ErrorCode / ErrorMessage when rejected.
 *     A verdict from a file older than the message's marker is of an earlier attempt (an admin sent the refused message
 *     again, 重新上傳) and is not reported: those files stay where Turnkey left them and would refuse it again.
 * The server ignores a repeated report, so a rerun is harmless. Each run signs in as a `turnkey` account
 * (turnkey-auth.ts: `--user` / `--password-file`, or `--token-file`).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MIG_MESSAGE_TYPES, TURNKEY_FOLDERS, type MigMessageType } from '../../domain/invoicing/mig';
import type { EinvoiceUploadFile, UploadResult } from '../../domain/invoicing/mig-upload';
import { parseArgs } from '../../optimizer/cli/args';
import { apiFailure, apiToken, withoutSlash } from './turnkey-auth';

/** The API takes at most this many ids per call. */
const BATCH = 500;
const STAGING = '.turnkey-sync';
/** Under STAGING: one empty file per message written, named by its id; its modification time is when. */
const WRITTEN = 'written';

export interface TurnkeySyncOptions {
  readonly api: string;
  readonly token: string;
  readonly upcast: string;
  readonly results: string;
}

export interface TurnkeySyncReport {
  readonly pending: number;
  readonly written: number;
  /** Pending messages whose file was already in SRC (a run that stopped before marking them delivered). */
  readonly alreadyWritten: number;
  readonly delivered: number;
  readonly accepted: number;
  readonly rejected: number;
}

async function api<T>(opts: TurnkeySyncOptions, method: 'GET' | 'POST', pathAndQuery: string, body?: unknown): Promise<T> {
  const res = await fetch(`${withoutSlash(opts.api)}${pathAndQuery}`, {
    method,
    headers: {
      authorization: `Bearer ${opts.token}`,
      'accept-language': 'en',
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw apiFailure(`${method} ${pathAndQuery}`, res.status, text);
  return JSON.parse(text) as T;
}

async function pendingUploads(opts: TurnkeySyncOptions): Promise<EinvoiceUploadFile[]> {
  const all: EinvoiceUploadFile[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: EinvoiceUploadFile[]; nextCursor: string | null } = await api(
      opts,
      'GET',
      `/api/invoices/uploads?status=pending&limit=${BATCH}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Posts ids or results in batches the API takes; answers the ids it changed. */
async function postInBatches<T>(opts: TurnkeySyncOptions, pathName: string, items: readonly T[], wrap: (batch: T[]) => unknown): Promise<Set<string>> {
  const updated = new Set<string>();
  for (let i = 0; i < items.length; i += BATCH) {
    const outcome: { updated: string[] } = await api(opts, 'POST', pathName, wrap(items.slice(i, i + BATCH)));
    for (const id of outcome.updated) updated.add(id);
  }
  return updated;
}

/**
 * Writes the file where Turnkey looks, never half: staged beside UpCast's folders, then renamed in. False if it is there
 * already. A name that is not one of Turnkey's (`<message>_<number>.xml` of the message's own type) is refused, so no
 * answer can write outside the message's folder. The marker is written first, so the file (and the ERR copy Turnkey may
 * move it to, keeping its time) is never older than the marker, while any verdict of an earlier attempt is.
 */
async function deliver(opts: TurnkeySyncOptions, upload: EinvoiceUploadFile): Promise<boolean> {
  if (FILE_NAME.exec(upload.fileName)?.[1] !== upload.messageType) throw new Error(`${upload.id}: unexpected file name ${JSON.stringify(upload.fileName)}`);
  const folder = path.join(opts.upcast, TURNKEY_FOLDERS[upload.messageType]);
  const target = path.join(folder, upload.fileName);
  if (existsSync(target)) return false;
  const staging = path.join(opts.upcast, STAGING);
  const written = path.join(staging, WRITTEN);
  await Promise.all([mkdir(folder, { recursive: true }), mkdir(written, { recursive: true })]);
  await writeFile(path.join(written, upload.id), '');
  const temp = path.join(staging, `${path.basename(target)}.${process.pid}.tmp`);
  await writeFile(temp, upload.xml, 'utf8');
  await rename(temp, target);
  return true;
}

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const FILE_NAME = new RegExp(`^(${MIG_MESSAGE_TYPES.join('|')})_([A-Z0-9]{2,32})\\.xml$`);

/** A verdict with the modification time (ms) of the file it was read from. */
interface FoundVerdict {
  readonly result: UploadResult;
  readonly at: number;
}

/** Files Turnkey set aside in a message's `ERR/` folder (next to `SRC/`) failed its MIG / XSD check. */
async function errFolderResults(upcast: string): Promise<FoundVerdict[]> {
  const found: FoundVerdict[] = [];
  for (const type of MIG_MESSAGE_TYPES) {
    const errDir = path.join(upcast, path.dirname(TURNKEY_FOLDERS[type]), 'ERR');
    for (const file of await filesUnder(errDir)) {
      const match = FILE_NAME.exec(path.basename(file));
      if (!match) continue;
      const result: UploadResult = { id: `${match[1]}-${match[2]}`, status: 'rejected', error: `Turnkey ERR: ${type} failed the MIG check (${path.relative(upcast, file)})` };
      found.push({ result, at: (await stat(file)).mtimeMs });
    }
  }
  return found;
}

/** Whether a verdict is of the file last written for its message, not of an earlier attempt's (see `deliver`). */
async function ofLatestAttempt(upcast: string, { result, at }: FoundVerdict): Promise<boolean> {
  const marker = path.join(upcast, STAGING, WRITTEN, result.id);
  // No marker: written before markers were kept, or never by this machine, so there is no later attempt to protect.
  return !existsSync(marker) || at >= (await stat(marker)).mtimeMs;
}

const textOf = (xml: string, ...names: string[]): string | undefined => {
  for (const name of names) {
    const found = new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1];
    if (found) return found;
  }
  return undefined;
};

const TAG = /<(\/?)([A-Za-z][\w.-]*)[^>]*?(\/?)>/g;
const NUMBER_ELEMENT = /^(Cancel)?(Invoice|Allowance)Number$/;

interface NamedNumber {
  readonly number: string;
  readonly cancel: boolean;
  readonly allowance: boolean;
}

/** The verdict a result record gives the message `id`: rejected with its ErrorCode / ErrorMessage, else accepted. */
function verdictOf(id: string, record: string): UploadResult {
  const failed = textOf(record, 'ErrorCode', 'ErrorMessage');
  const error = [textOf(record, 'ErrorCode'), textOf(record, 'ErrorMessage', 'Description')].filter(Boolean).join(' ');
  return failed ? { id, status: 'rejected', error: error.slice(0, 500) } : { id, status: 'accepted' };
}

function verdict({ number, cancel, allowance }: NamedNumber, record: string): UploadResult {
  const family = allowance ? 'G' : 'F';
  const type = (cancel || record.includes(`${family}0501`) ? `${family}0501` : `${family}0401`) as MigMessageType;
  return verdictOf(`${type}-${number}`, record);
}

/** Elements naming an E0402 (BranchTrackBlank): its 字軌 and 期別, the id's number (`E0402-LG11512`). */
const BLANK_ELEMENTS = { InvoiceTrack: /^\s*([A-Z]{2})\s*</, YearMonth: /^\s*(\d{5})\s*</ } as const;
type BlankKey = keyof typeof BLANK_ELEMENTS;
const isBlankKey = (name: string): name is BlankKey => Object.hasOwn(BLANK_ELEMENTS, name);

/**
 * The platform's verdicts in Turnkey's result files: a message's result is the element holding its invoice or allowance
 * number (InvoiceNumber, CancelInvoiceNumber for an F0501; AllowanceNumber, CancelAllowanceNumber for a G0501), or for
 * an E0402 its InvoiceTrack and YearMonth; it is a cancel when it says so, rejected when it carries an ErrorCode or
 * ErrorMessage (their text is the error), accepted otherwise. No E0402 result was seen: naming it by 字軌 and 期別, the
 * message's own Main, is the likeliest form, to be checked against the first real one.
 */
export function parseResultFile(xml: string): UploadResult[] {
  const open: { start: number; numbers: NamedNumber[]; blank: Partial<Record<BlankKey, string>> }[] = [];
  const results: UploadResult[] = [];
  for (const m of xml.matchAll(TAG)) {
    const [tag, closing, name = '', selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) {
      const element = NUMBER_ELEMENT.exec(name);
      const number = element ? /^\s*([A-Z0-9]{2,32})\s*</.exec(xml.slice(m.index + tag.length))?.[1] : undefined;
      if (element && number) open.at(-1)?.numbers.push({ number, cancel: element[1] !== undefined, allowance: element[2] === 'Allowance' });
      const parent = open.at(-1);
      const blankPart = isBlankKey(name) ? BLANK_ELEMENTS[name].exec(xml.slice(m.index + tag.length))?.[1] : undefined;
      if (parent && isBlankKey(name) && blankPart) parent.blank[name] = blankPart;
      open.push({ start: m.index, numbers: [], blank: {} });
      continue;
    }
    const record = open.pop();
    if (!record) continue;
    const body = xml.slice(record.start, m.index);
    for (const n of record.numbers) results.push(verdict(n, body));
    const { InvoiceTrack: track, YearMonth: yearMonth } = record.blank;
    if (track && yearMonth) results.push(verdictOf(`E0402-${track}${yearMonth}`, body));
  }
  return results;
}

async function resultFiles(dir: string): Promise<FoundVerdict[]> {
  const files = (await filesUnder(dir)).filter((f) => f.toLowerCase().endsWith('.xml'));
  const read = async (f: string) => {
    const at = (await stat(f)).mtimeMs;
    return parseResultFile(await readFile(f, 'utf8')).map((result) => ({ result, at }));
  };
  return (await Promise.all(files.map(read))).flat();
}

export async function syncTurnkey(opts: TurnkeySyncOptions): Promise<TurnkeySyncReport> {
  const pending = await pendingUploads(opts);
  let written = 0;
  for (const upload of pending) if (await deliver(opts, upload)) written++;
  const delivered = await postInBatches(opts, '/api/invoices/uploads/delivered', pending.map((u) => u.id), (ids) => ({ ids }));
  // One verdict per message: Turnkey's own refusal (ERR) over a platform result for the same file.
  const verdicts = new Map<string, UploadResult>();
  for (const found of [...(await resultFiles(opts.results)), ...(await errFolderResults(opts.upcast))]) {
    if (await ofLatestAttempt(opts.upcast, found)) verdicts.set(found.result.id, found.result);
  }
  const results = [...verdicts.values()];
  const changed = await postInBatches(opts, '/api/invoices/uploads/results', results, (batch) => ({ results: batch }));
  // Counted over what this run changed: a verdict reported by an earlier run changes nothing.
  const decided = (status: UploadResult['status']) => results.filter((r) => r.status === status && changed.has(r.id)).length;
  return { pending: pending.length, written, alreadyWritten: pending.length - written, delivered: delivered.size, accepted: decided('accepted'), rejected: decided('rejected') };
}

function required(options: Map<string, string>, name: string): string {
  const value = options.get(name);
  if (!value) throw new Error(`--${name} is required (see functions/src/local/README.md)`);
  return value;
}

async function main(): Promise<void> {
  const { options } = parseArgs(process.argv.slice(2));
  const apiBase = required(options, 'api');
  const report = await syncTurnkey({
    api: apiBase,
    token: await apiToken(apiBase, options, (warning) => process.stderr.write(`turnkey:sync: ${warning}\n`)),
    upcast: required(options, 'upcast'),
    results: required(options, 'results'),
  });
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`turnkey:sync failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
