import { aCustomer, refusal } from '../test-support';
import { activeBranches, assertNoBranches, assertNoBranchesToErase, assertPayerTakesBranch, assertPaysForItself, linkPayer, type PayerLinkState } from './payer';

const NOW = new Date('2026-12-02T02:00:00Z');
const headOffice = aCustomer().withId('cust-hq').withCode('C00100').with({ name: '鼎泰餐飲總公司', paymentTerms: 'monthly', invoice: { taxId: '22099131', companyTitle: '鼎泰餐飲股份有限公司' } }).build();
const branch = aCustomer().withId('cust-b1').withCode('C00101').with({ name: '鼎泰板橋店', paymentTerms: 'monthly' }).build();
const clear: PayerLinkState = { branchesOfBranch: [], balance: 0, uninvoiced: null };

describe('the head office that pays for a branch (總公司付款)', () => {
  it('links a branch to an active head office on monthly terms, stamping when and one version more', () => {
    const linked = linkPayer(branch, headOffice.id, headOffice, clear, NOW);
    expect(linked).toMatchObject({ payerId: 'cust-hq', payerSince: NOW.toISOString(), updatedAt: NOW.toISOString(), version: (branch.version ?? 0) + 1 });
  });

  it('writes nothing when the branch already has that link (a retry), and clears it with null', () => {
    const linked = linkPayer(branch, headOffice.id, headOffice, clear, NOW);
    expect(linkPayer(linked, headOffice.id, headOffice, clear, NOW)).toBe(linked);
    const cleared = linkPayer(linked, null, null, clear, NOW);
    expect(cleared.payerId).toBeUndefined();
    expect(cleared.payerSince).toBeUndefined();
  });

  it('refuses the customer itself, an unknown one, an inactive one or one not on monthly terms, naming it', () => {
    expect(refusal(() => linkPayer(branch, branch.id, branch, clear, NOW))).toMatchObject({ code: 'CUSTOMER.PAYER_SELF', kind: 'precondition' });
    expect(refusal(() => linkPayer(branch, 'cust-none', null, clear, NOW))).toMatchObject({ code: 'CUSTOMER.PAYER_NOT_FOUND', details: { payerId: 'cust-none' } });
    const closed = { ...headOffice, status: 'inactive' as const };
    expect(refusal(() => linkPayer(branch, closed.id, closed, clear, NOW))).toMatchObject({ code: 'CUSTOMER.PAYER_INACTIVE', details: { code: 'C00100', name: '鼎泰餐飲總公司' } });
    const cash = { ...headOffice, paymentTerms: 'cash' as const };
    expect(refusal(() => linkPayer(branch, cash.id, cash, clear, NOW))).toMatchObject({ code: 'CUSTOMER.PAYER_NOT_MONTHLY', details: { code: 'C00100' } });
  });

  it('allows no chain of payers: a branch cannot pay, nor a head office become a branch, so no cycle can form', () => {
    const otherBranch = { ...branch, id: 'cust-b2', code: 'C00102', payerId: 'cust-hq' };
    expect(refusal(() => linkPayer(headOffice, otherBranch.id, otherBranch, clear, NOW))).toMatchObject({ code: 'CUSTOMER.PAYER_IS_BRANCH', details: { code: 'C00102' } });
    const paysForOne = { ...clear, branchesOfBranch: [otherBranch] };
    expect(refusal(() => linkPayer(headOffice, branch.id, branch, paysForOne, NOW))).toMatchObject({ code: 'CUSTOMER.PAYER_HAS_BRANCHES', details: { code: 'C00102', count: 1 } });
  });

  it('changes only while the branch’s own account is clear: nothing owed either way, every delivery on account invoiced', () => {
    expect(refusal(() => linkPayer(branch, headOffice.id, headOffice, { ...clear, balance: 4200 }, NOW))).toMatchObject({ code: 'CUSTOMER.PAYER_BALANCE_OPEN', kind: 'conflict', details: { balance: 4200 } });
    expect(refusal(() => linkPayer(branch, headOffice.id, headOffice, { ...clear, balance: -300 }, NOW))).toMatchObject({ code: 'CUSTOMER.PAYER_BALANCE_OPEN' });
    const waiting = { ...clear, uninvoiced: { count: 2, from: '2026-12-01', to: '2026-12-02' } };
    expect(refusal(() => linkPayer(branch, headOffice.id, headOffice, waiting, NOW))).toMatchObject({ code: 'CUSTOMER.PAYER_UNINVOICED', details: { count: 2, from: '2026-12-01' } });
    const linked = { ...branch, payerId: 'cust-hq' };
    expect(refusal(() => linkPayer(linked, null, null, { ...clear, balance: 4200 }, NOW))).toMatchObject({ code: 'CUSTOMER.PAYER_BALANCE_OPEN' });
  });

  it('keeps a head office on monthly terms and active while branches name it', () => {
    expect(() => assertNoBranches(headOffice, [])).not.toThrow();
    expect(refusal(() => assertNoBranches(headOffice, [branch]))).toMatchObject({ code: 'CUSTOMER.PAYER_HAS_BRANCHES', details: { code: 'C00101', count: 1 } });
  });

  it('counts only the branches still open as holding a head office to 月結 and to staying active', () => {
    const closed = { ...aCustomer().withId('cust-b3').withCode('C00103').build(), status: 'inactive' as const };
    expect(activeBranches([closed, branch])).toEqual([branch]);
    expect(() => assertNoBranches(headOffice, activeBranches([closed]))).not.toThrow();
  });

  it('brings a branch back only to a head office that is active and on 月結, and a customer paying for itself whatever', () => {
    const linked = { ...branch, payerId: headOffice.id };
    expect(() => assertPayerTakesBranch(linked, headOffice)).not.toThrow();
    expect(() => assertPayerTakesBranch(branch, null)).not.toThrow();
    expect(refusal(() => assertPayerTakesBranch(linked, { ...headOffice, status: 'inactive' }))).toMatchObject({
      code: 'CUSTOMER.BRANCH_PAYER_INACTIVE',
      kind: 'conflict',
      details: { code: headOffice.code, name: headOffice.name },
    });
    expect(refusal(() => assertPayerTakesBranch(linked, { ...headOffice, paymentTerms: 'cash' }))).toMatchObject({ code: 'CUSTOMER.BRANCH_PAYER_NOT_MONTHLY', kind: 'conflict' });
  });

  it('keeps a head office’s personal data while branches name it, naming every one', () => {
    expect(() => assertNoBranchesToErase(headOffice, [])).not.toThrow();
    const other = aCustomer().withId('cust-b2').withCode('C00102').with({ name: '鼎泰中和店' }).build();
    expect(refusal(() => assertNoBranchesToErase(headOffice, [branch, other]))).toMatchObject({
      code: 'CUSTOMER.ERASE_HAS_BRANCHES',
      kind: 'conflict',
      details: { count: 2, branches: ['C00101 鼎泰板橋店', 'C00102 鼎泰中和店'] },
    });
  });
});

describe('payments of a chain', () => {
  it('are recorded, and reminded of, at the head office: a branch’s is refused, naming the head office', () => {
    expect(() => assertPaysForItself(headOffice, null)).not.toThrow();
    expect(refusal(() => assertPaysForItself(branch, headOffice))).toMatchObject({ code: 'PAYMENT.AT_PAYER', kind: 'precondition', details: { code: 'C00100', name: '鼎泰餐飲總公司' } });
    expect(refusal(() => assertPaysForItself(branch, headOffice, 'RECEIVABLE.AT_PAYER'))).toMatchObject({ code: 'RECEIVABLE.AT_PAYER', details: { code: 'C00100' } });
  });
});
