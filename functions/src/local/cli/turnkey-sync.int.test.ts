import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EINVOICE_UPLOADS } from '../../adapters/invoicing/einvoice-upload-store';
import { invoiceSchema, type Invoice } from '../../domain/invoicing';
import { f0401Xml, f0501Xml, type MigSeller } from '../../domain/invoicing/mig';
import { issueUpload, voidUpload, type EinvoiceUpload } from '../../domain/invoicing/mig-upload';
import { exampleOf } from '../../domain/schema';
import { PRINCIPALS } from '../../functions/test-support/api-client';
import { startTestStack, type TestStack } from '../test-support';
import { parseResultFile, syncTurnkey, type TurnkeySyncOptions } from './turnkey-sync';

const SELLER: MigSeller = { identifier: '24536806', name: '幸福氣瓦斯行', address: '新北市中和區景平路100號' };
const base = invoiceSchema.parse(exampleOf(invoiceSchema));
const invoice = (number: string): Invoice => ({ ...base, id: `inv-${number}`, number });
const b2b = invoice('TK00000001');
const b2c = { ...invoice('TK00000002'), kind: 'B2C', buyer: { type: 'carrier', carrierType: 'mobile', carrierCode: '/ABC1234' } } satisfies Invoice;
const now = new Date();
const seeded: EinvoiceUpload[] = [issueUpload(b2b, now), issueUpload(b2c, now), voidUpload(b2c, '載具填錯', now)];

let stack: TestStack;
let dir: string;
let opts: TurnkeySyncOptions;
const upcast = () => path.join(dir, 'UpCast');
const results = () => path.join(dir, 'ProcessResult');
const status = async (id: string) => ((await stack.container.db.collection(EINVOICE_UPLOADS).doc(id).get()).data() as EinvoiceUpload).status;

beforeAll(async () => {
  stack = await startTestStack({ suite: 'turnkey-sync', subscriptions: [] });
  dir = await mkdtemp(path.join(tmpdir(), 'turnkey-'));
  const token = (await stack.container.localIssuer!.issue(PRINCIPALS.admin, 3600)).token;
  opts = { api: stack.url, token, upcast: upcast(), results: results(), seller: SELLER };
  for (const u of seeded) await stack.container.db.collection(EINVOICE_UPLOADS).doc(u.id).set(u);
}, 120_000);
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run turnkey:sync', () => {
  it('writes each pending message into its UpCast folder under Turnkey’s name and marks it delivered; a rerun writes nothing twice', async () => {
    const first = await syncTurnkey(opts);
    expect(first).toEqual({ pending: 3, written: 3, alreadyWritten: 0, delivered: 3, accepted: 0, rejected: 0 });
    const src = path.join(upcast(), 'B2SSTORAGE');
    expect((await readdir(path.join(src, 'F0401', 'SRC'))).sort()).toEqual(['F0401_TK00000001.xml', 'F0401_TK00000002.xml']);
    expect(await readdir(path.join(src, 'F0501', 'SRC'))).toEqual(['F0501_TK00000002.xml']);
    expect(await readFile(path.join(src, 'F0401', 'SRC', 'F0401_TK00000001.xml'), 'utf8')).toBe(f0401Xml(b2b, SELLER));
    expect(await readFile(path.join(src, 'F0501', 'SRC', 'F0501_TK00000002.xml'), 'utf8')).toBe(f0501Xml(b2c, { at: now.toISOString(), reason: '載具填錯' }, SELLER));
    // Nothing half-written is left where Turnkey could see it.
    expect(await readdir(path.join(upcast(), '.turnkey-sync'))).toEqual([]);
    for (const u of seeded) expect(await status(u.id)).toBe('delivered');

    expect(await syncTurnkey(opts)).toEqual({ pending: 0, written: 0, alreadyWritten: 0, delivered: 0, accepted: 0, rejected: 0 });
  });

  it('does not write a file again that a stopped run left in SRC, and still marks the message delivered', async () => {
    const late = issueUpload(invoice('TK00000003'), now);
    await stack.container.db.collection(EINVOICE_UPLOADS).doc(late.id).set(late);
    const target = path.join(upcast(), 'B2SSTORAGE', 'F0401', 'SRC', 'F0401_TK00000003.xml');
    await writeFile(target, 'written by the run that stopped');
    expect(await syncTurnkey(opts)).toMatchObject({ pending: 1, written: 0, alreadyWritten: 1, delivered: 1 });
    expect(await readFile(target, 'utf8')).toBe('written by the run that stopped');
    expect(await status(late.id)).toBe('delivered');
  });

  it('reports the platform’s result files and Turnkey’s ERR folder as accepted / rejected, once', async () => {
    await mkdir(results(), { recursive: true });
    await writeFile(
      path.join(results(), 'ProcessResult_20261128.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<ProcessResult>
  <Result><MessageType>F0401</MessageType><InvoiceNumber>TK00000001</InvoiceNumber><Status>SUCCESS</Status></Result>
  <Result><MessageType>F0501</MessageType><CancelInvoiceNumber>TK00000002</CancelInvoiceNumber><ErrorCode>E0501</ErrorCode><ErrorMessage>作廢日期早於開立日期</ErrorMessage></Result>
</ProcessResult>
`,
    );
    const err = path.join(upcast(), 'B2SSTORAGE', 'F0401', 'ERR', '20261128');
    await mkdir(err, { recursive: true });
    await writeFile(path.join(err, 'F0401_TK00000002.xml'), '<Invoice/>');

    expect(await syncTurnkey(opts)).toMatchObject({ pending: 0, accepted: 1, rejected: 2 });
    expect(await status('F0401-TK00000001')).toBe('accepted');
    expect(await status('F0501-TK00000002')).toBe('rejected');
    const rejected = (await stack.container.db.collection(EINVOICE_UPLOADS).doc('F0401-TK00000002').get()).data() as EinvoiceUpload;
    expect(rejected).toMatchObject({ status: 'rejected', error: expect.stringContaining('Turnkey ERR') });
    expect(((await stack.container.db.collection(EINVOICE_UPLOADS).doc('F0501-TK00000002').get()).data() as EinvoiceUpload).error).toBe('E0501 作廢日期早於開立日期');

    expect(await syncTurnkey(opts)).toMatchObject({ accepted: 0, rejected: 0 });
  });

  it('runs from the command line with the token and seller in files, printing its report', async () => {
    const tokenFile = path.join(dir, 'token');
    const sellerFile = path.join(dir, 'seller.json');
    await writeFile(tokenFile, `${opts.token}\n`);
    await writeFile(sellerFile, JSON.stringify(SELLER));
    const late = issueUpload(invoice('TK00000004'), now);
    await stack.container.db.collection(EINVOICE_UPLOADS).doc(late.id).set(late);
    const cli = path.join(__dirname, 'turnkey-sync.ts');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', cli, '--api', stack.url, '--token-file', tokenFile, '--upcast', upcast(), '--results', results(), '--seller', sellerFile],
      { timeout: 60_000 },
    );
    expect(JSON.parse(stdout)).toMatchObject({ pending: 1, written: 1, delivered: 1 });
    expect(existsSync(path.join(upcast(), 'B2SSTORAGE', 'F0401', 'SRC', 'F0401_TK00000004.xml'))).toBe(true);
    await expect(promisify(execFile)(process.execPath, ['--import', 'tsx', cli, '--api', stack.url], { timeout: 60_000 })).rejects.toMatchObject({ stderr: expect.stringContaining('--seller is required') });
  }, 90_000);
});

describe('result files', () => {
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
