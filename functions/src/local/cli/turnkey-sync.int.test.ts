import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { firestoreUserStore } from '../../adapters/firestore/user-store';
import { EINVOICE_UPLOADS } from '../../adapters/invoicing/einvoice-upload-store';
import { allowanceSchema, invoiceSchema, type Allowance, type Invoice } from '../../domain/invoicing';
import { e0402Xml, f0401Xml, f0501Xml, g0401Xml, g0501Xml } from '../../domain/invoicing/mig';
import { allowanceCancelUpload, allowanceUpload, blankUpload, issueUpload, voidUpload, type EinvoiceUpload } from '../../domain/invoicing/mig-upload';
import { exampleOf } from '../../domain/schema';
import { hashPassword, newUser } from '../../domain/users';
import { apiClient, PRINCIPALS } from '../../functions/test-support/api-client';
import { startTestStack, type TestStack } from '../test-support';
import { signIn } from './turnkey-auth';
import { parseResultFile, syncTurnkey, type TurnkeySyncOptions } from './turnkey-sync';

const base = invoiceSchema.parse(exampleOf(invoiceSchema));
const invoice = (number: string): Invoice => ({ ...base, id: `inv-${number}`, number });
const b2b = invoice('TK00000001');
const b2c = { ...invoice('TK00000002'), kind: 'B2C', buyer: { type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC1234' } } satisfies Invoice;
const now = new Date();
/** The machine account the Turnkey machine signs in with (a demo-like password, only in this test's emulator project). */
const TURNKEY_PASSWORD = 'turnkey-machine-password';
const allowance: Allowance = { ...allowanceSchema.parse(exampleOf(allowanceSchema)), invoiceId: b2b.id, invoiceNumber: b2b.number, number: 'AL202611290001' };
const seeded: EinvoiceUpload[] = [
  issueUpload(b2b, now),
  issueUpload(b2c, now),
  voidUpload(b2c, '載具填錯', now),
  allowanceUpload(b2b, allowance, now),
  allowanceCancelUpload({ invoice: b2b, allowance }, '折讓金額開錯', now),
];

let stack: TestStack;
let dir: string;
let opts: TurnkeySyncOptions;
const upcast = () => path.join(dir, 'UpCast');
const results = () => path.join(dir, 'ProcessResult');
const cli = path.join(__dirname, 'turnkey-sync.ts');
/** The seller the server is configured with (LG_INVOICE_SELLER_*): the XML names it, the machine needs none of its own. */
const seller = () => stack.container.config.invoiceSeller;
const status = async (id: string) => ((await stack.container.db.collection(EINVOICE_UPLOADS).doc(id).get()).data() as EinvoiceUpload).status;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'turnkey-sync', subscriptions: [] });
  dir = await mkdtemp(path.join(tmpdir(), 'turnkey-'));
  const account = { username: 'turnkey', displayName: '財政部上傳機', role: 'turnkey', password: TURNKEY_PASSWORD } as const;
  await firestoreUserStore(stack.container.db).create(newUser(account, await hashPassword(TURNKEY_PASSWORD), 'u-not-a-portal-account'));
  const token = await signIn(stack.url, 'turnkey', TURNKEY_PASSWORD);
  opts = { api: stack.url, token, upcast: upcast(), results: results() };
  for (const u of seeded) await stack.container.db.collection(EINVOICE_UPLOADS).doc(u.id).set(u);
}, 120_000);
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run turnkey:sync', () => {
  const src = () => path.join(upcast(), 'B2SSTORAGE');
  /** What the platform answers, as Turnkey leaves it under `--results`: one file per answer. */
  const platformAnswers = async (name: string, records: string) => {
    await mkdir(results(), { recursive: true });
    await writeFile(path.join(results(), name), `<?xml version="1.0" encoding="UTF-8"?>\n<ProcessResult>\n${records}</ProcessResult>\n`);
  };
  /** Turnkey took the file out of SRC (to BAK when it went up, to ERR when it failed the MIG check). */
  const turnkeyTook = (type: string, number: string) => rm(path.join(src(), type, 'SRC', `${type}_${number}.xml`));

  it('writes each pending message’s file from the server into its UpCast folder under Turnkey’s name and marks it delivered; a rerun writes nothing twice', async () => {
    // A void and an allowance wait for their invoice at the platform, the allowance’s cancel for the allowance.
    const first = await syncTurnkey(opts);
    expect(first).toEqual({ pending: 2, written: 2, alreadyWritten: 0, delivered: 2, accepted: 0, rejected: 0 });
    expect((await readdir(path.join(src(), 'F0401', 'SRC'))).sort()).toEqual(['F0401_TK00000001.xml', 'F0401_TK00000002.xml']);
    expect(await readFile(path.join(src(), 'F0401', 'SRC', 'F0401_TK00000001.xml'), 'utf8')).toBe(f0401Xml(b2b, seller()));
    expect(existsSync(path.join(src(), 'F0501'))).toBe(false);
    // Nothing half-written is left where Turnkey could see it.
    expect((await readdir(path.join(upcast(), '.turnkey-sync'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await Promise.all(seeded.map((u) => status(u.id)))).toEqual(['delivered', 'delivered', 'pending', 'pending', 'pending']);

    expect(await syncTurnkey(opts)).toEqual({ pending: 0, written: 0, alreadyWritten: 0, delivered: 0, accepted: 0, rejected: 0 });
  });

  it('sends a void or an allowance on the run after the platform accepted what it rests on, an allowance’s cancel after the allowance', async () => {
    await Promise.all([turnkeyTook('F0401', 'TK00000001'), turnkeyTook('F0401', 'TK00000002')]);
    await platformAnswers(
      'ProcessResult_20261128_1.xml',
      '  <Result><MessageType>F0401</MessageType><InvoiceNumber>TK00000001</InvoiceNumber><Status>SUCCESS</Status></Result>\n  <Result><MessageType>F0401</MessageType><InvoiceNumber>TK00000002</InvoiceNumber><Status>SUCCESS</Status></Result>\n',
    );
    expect(await syncTurnkey(opts)).toEqual({ pending: 0, written: 0, alreadyWritten: 0, delivered: 0, accepted: 2, rejected: 0 });
    expect(await syncTurnkey(opts)).toMatchObject({ pending: 2, written: 2, delivered: 2 });
    expect(await readFile(path.join(src(), 'F0501', 'SRC', 'F0501_TK00000002.xml'), 'utf8')).toBe(f0501Xml(b2c, { at: now.toISOString(), reason: '載具填錯' }, seller()));
    expect(await readFile(path.join(src(), 'G0401', 'SRC', 'G0401_AL202611290001.xml'), 'utf8')).toBe(g0401Xml(allowance, seller()));
    expect(existsSync(path.join(src(), 'G0501'))).toBe(false);

    await turnkeyTook('G0401', 'AL202611290001');
    await platformAnswers('ProcessResult_20261128_2.xml', '  <Result><MessageType>G0401</MessageType><AllowanceNumber>AL202611290001</AllowanceNumber></Result>\n');
    expect(await syncTurnkey(opts)).toMatchObject({ pending: 0, accepted: 1 });
    expect(await syncTurnkey(opts)).toMatchObject({ pending: 1, written: 1, delivered: 1 });
    expect(await readFile(path.join(src(), 'G0501', 'SRC', 'G0501_AL202611290001.xml'), 'utf8')).toBe(g0501Xml(allowance, { at: now.toISOString(), reason: '折讓金額開錯' }, seller()));
  });

  it('does not write a file again that a stopped run left in SRC, and still marks the message delivered', async () => {
    const late = issueUpload(invoice('TK00000003'), now);
    await stack.container.db.collection(EINVOICE_UPLOADS).doc(late.id).set(late);
    const target = path.join(src(), 'F0401', 'SRC', 'F0401_TK00000003.xml');
    await writeFile(target, 'written by the run that stopped');
    expect(await syncTurnkey(opts)).toMatchObject({ pending: 1, written: 0, alreadyWritten: 1, delivered: 1 });
    expect(await readFile(target, 'utf8')).toBe('written by the run that stopped');
    expect(await status(late.id)).toBe('delivered');
  });

  it('reports the platform’s result files and Turnkey’s ERR folder as accepted / rejected, once', async () => {
    await Promise.all([turnkeyTook('F0501', 'TK00000002'), turnkeyTook('G0501', 'AL202611290001'), turnkeyTook('F0401', 'TK00000003')]);
    await platformAnswers(
      'ProcessResult_20261128_3.xml',
      '  <Result><MessageType>F0401</MessageType><InvoiceNumber>TK00000003</InvoiceNumber><Status>SUCCESS</Status></Result>\n  <Result><MessageType>F0501</MessageType><CancelInvoiceNumber>TK00000002</CancelInvoiceNumber><ErrorCode>E0501</ErrorCode><ErrorMessage>作廢日期早於開立日期</ErrorMessage></Result>\n',
    );
    const err = path.join(src(), 'G0501', 'ERR', '20261128');
    await mkdir(err, { recursive: true });
    await writeFile(path.join(err, 'G0501_AL202611290001.xml'), '<CancelAllowance/>');

    expect(await syncTurnkey(opts)).toMatchObject({ pending: 0, accepted: 1, rejected: 2 });
    expect(await status('F0401-TK00000003')).toBe('accepted');
    const refusal = async (id: string) => ((await stack.container.db.collection(EINVOICE_UPLOADS).doc(id).get()).data() as EinvoiceUpload).error;
    expect(await status('F0501-TK00000002')).toBe('rejected');
    expect(await refusal('F0501-TK00000002')).toBe('E0501 作廢日期早於開立日期');
    expect(await status('G0501-AL202611290001')).toBe('rejected');
    expect(await refusal('G0501-AL202611290001')).toContain('Turnkey ERR');

    expect(await syncTurnkey(opts)).toMatchObject({ accepted: 0, rejected: 0 });
  });

  it('sends a refused message again once an admin re-pended it, not refusing it again on the old attempt’s result files, and reports the new verdicts', async () => {
    const call = apiClient(stack.url, stack.container);
    for (const id of ['F0501-TK00000002', 'G0501-AL202611290001']) {
      expect((await call('POST', `/api/invoices/uploads/${id}/requeue`, { as: 'admin', key: randomUUID(), body: { reason: '已修正，重新上傳' } })).status).toBe(200);
    }
    // The old ProcessResult and ERR file are still there: they are of the refused attempt.
    expect(await syncTurnkey(opts)).toEqual({ pending: 2, written: 2, alreadyWritten: 0, delivered: 2, accepted: 0, rejected: 0 });
    expect(await status('F0501-TK00000002')).toBe('delivered');
    expect(await status('G0501-AL202611290001')).toBe('delivered');
    expect(await syncTurnkey(opts)).toMatchObject({ pending: 0, accepted: 0, rejected: 0 });

    // This attempt's verdicts: the platform takes the void, Turnkey sets the cancel aside again.
    await Promise.all([turnkeyTook('F0501', 'TK00000002'), turnkeyTook('G0501', 'AL202611290001')]);
    await platformAnswers('ProcessResult_20261129_1.xml', '  <Result><MessageType>F0501</MessageType><CancelInvoiceNumber>TK00000002</CancelInvoiceNumber></Result>\n');
    const err = path.join(src(), 'G0501', 'ERR', '20261129');
    await mkdir(err, { recursive: true });
    await writeFile(path.join(err, 'G0501_AL202611290001.xml'), '<CancelAllowance/>');
    expect(await syncTurnkey(opts)).toMatchObject({ accepted: 1, rejected: 1 });
    expect(await status('F0501-TK00000002')).toBe('accepted');
    expect(await status('G0501-AL202611290001')).toBe('rejected');
  });

  it('writes an E0402 into B2PMESSAGE at once (it waits for nothing) and reads its verdict by 字軌 and 期別', async () => {
    const blank = blankUpload({ period: '2026-09/10', track: 'TK', ranges: [{ from: 5, to: 49 }] }, now);
    await stack.container.db.collection(EINVOICE_UPLOADS).doc(blank.id).set(blank);
    expect(await syncTurnkey(opts)).toMatchObject({ pending: 1, written: 1, delivered: 1 });
    const file = path.join(upcast(), 'B2PMESSAGE', 'E0402', 'SRC', 'E0402_TK11510.xml');
    expect(await readFile(file, 'utf8')).toBe(e0402Xml(blank.blank, seller()));
    await rm(file);
    await platformAnswers('ProcessResult_20261101_1.xml', '  <Result><MessageType>E0402</MessageType><YearMonth>11510</YearMonth><InvoiceTrack>TK</InvoiceTrack></Result>\n');
    expect(await syncTurnkey(opts)).toMatchObject({ accepted: 1, rejected: 0 });
    expect(await status(blank.id)).toBe('accepted');
  });

  it('runs from the command line as the turnkey account, signing in with the password from a private file, printing its report', async () => {
    const passwordFile = path.join(dir, 'turnkey.password');
    await writeFile(passwordFile, `${TURNKEY_PASSWORD}\n`, { mode: 0o600 });
    const late = issueUpload(invoice('TK00000004'), now);
    await stack.container.db.collection(EINVOICE_UPLOADS).doc(late.id).set(late);
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', cli, '--api', stack.url, '--user', 'turnkey', '--password-file', passwordFile, '--upcast', upcast(), '--results', results()],
      { timeout: 60_000 },
    );
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toMatchObject({ pending: 1, written: 1, delivered: 1 });
    expect(existsSync(path.join(upcast(), 'B2SSTORAGE', 'F0401', 'SRC', 'F0401_TK00000004.xml'))).toBe(true);
    const noUpcast = ['--import', 'tsx', cli, '--api', stack.url, '--user', 'turnkey', '--password-file', passwordFile];
    await expect(promisify(execFile)(process.execPath, noUpcast, { timeout: 60_000 })).rejects.toMatchObject({ stderr: expect.stringContaining('--upcast is required') });
  }, 90_000);

  it('exits non-zero saying the login was refused when the password is wrong, and warns of a password file others can read', async () => {
    const passwordFile = path.join(dir, 'wrong.password');
    await writeFile(passwordFile, 'not-the-password\n');
    await chmod(passwordFile, 0o644);
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', cli, '--api', stack.url, '--user', 'turnkey', '--password-file', passwordFile, '--upcast', upcast(), '--results', results()],
      { timeout: 60_000 },
    );
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/can be read by other users \(mode 644\).*chmod 600[\s\S]*login as turnkey refused: wrong username or password/),
    });
  }, 90_000);

  it('holds a token that every endpoint but the uploads refuses (403, localised), and says which account to use when the role is refused', async () => {
    const call = apiClient(stack.url, stack.container);
    const asTurnkey = { uid: 'u-turnkey', role: 'turnkey' } as const;
    expect(await call('GET', '/api/users', { as: asTurnkey })).toMatchObject({ status: 403, body: { error: { code: 'AUTH.FORBIDDEN', message: '您沒有執行此操作的權限。' } } });
    expect(await call('POST', '/api/invoices/x-1/void', { as: asTurnkey, body: { reason: '開錯' }, lang: 'en' })).toMatchObject({ status: 403, body: { error: { message: 'You are not allowed to do this.' } } });
    const office = (await stack.container.localIssuer!.issue(PRINCIPALS.office, 600)).token;
    await expect(syncTurnkey({ ...opts, token: office })).rejects.toThrow(/GET \/api\/invoices\/uploads.*may not call the upload endpoints.*Turnkey machine \(turnkey\)/);
  });
});

describe('result files', () => {
  it('reads an allowance’s verdict by its AllowanceNumber, G0501 for a CancelAllowanceNumber or a record that says so', () => {
    expect(
      parseResultFile(
        '<R><AllowanceNumber>AL202611290001</AllowanceNumber></R><R><CancelAllowanceNumber>AL202611290002</CancelAllowanceNumber><ErrorCode>E0502</ErrorCode><ErrorMessage>折讓證明單不存在</ErrorMessage></R><R><MessageType>G0501</MessageType><AllowanceNumber>AL202611290003</AllowanceNumber></R>',
      ),
    ).toEqual([
      { id: 'G0401-AL202611290001', status: 'accepted' },
      { id: 'G0501-AL202611290002', status: 'rejected', error: 'E0502 折讓證明單不存在' },
      { id: 'G0501-AL202611290003', status: 'accepted' },
    ]);
  });

  it('reads an E0402’s verdict by its 字軌 and 期別, one per record', () => {
    expect(
      parseResultFile(
        '<R><YearMonth>11512</YearMonth><InvoiceTrack>LG</InvoiceTrack></R><R><InvoiceTrack>LH</InvoiceTrack><YearMonth>11512</YearMonth><ErrorCode>E0402</ErrorCode><ErrorMessage>空白發票區間重複</ErrorMessage></R>',
      ),
    ).toEqual([
      { id: 'E0402-LG11512', status: 'accepted' },
      { id: 'E0402-LH11512', status: 'rejected', error: 'E0402 空白發票區間重複' },
    ]);
  });

  it('reads one verdict per invoice number, F0501 for a cancel, the error codes and texts for a rejection', () => {
    expect(
      parseResultFile('<R><InvoiceNumber>AB00000001</InvoiceNumber></R><R><InvoiceNumber>AB00000002</InvoiceNumber><ErrorCode>E0401</ErrorCode></R><R><MessageType>F0501</MessageType><InvoiceNumber>AB00000003</InvoiceNumber></R>'),
    ).toEqual([
      { id: 'F0401-AB00000001', status: 'accepted' },
      { id: 'F0401-AB00000002', status: 'rejected', error: 'E0401' },
      { id: 'F0501-AB00000003', status: 'accepted' },
    ]);
  });
});
