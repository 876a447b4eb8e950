/**
 * 分店／總公司付款: a branch of a chain (分店) is delivered at its own address and keeps its own orders, but another
 * customer, the head office (總公司), pays for what it takes on account: its 月結發票 name the head office as buyer, its
 * charges are in the head office's statement and balance, and payments, receivables and 催款 are the head office's.
 *
 * The link is one step (a head office pays for branches, a branch pays for nobody), so no chain or cycle can form. It
 * changes only while the branch's own account is clear: nothing owed either way and every delivery on account invoiced.
 * The head office's balance is the sum over it and its branches, so a branch linked with money owed would move that debt
 * to the head office, and one unlinked after the head office carried its deliveries would leave them owed twice (by the
 * branch, and in the payments the head office made for them); a branch that leaves the chain is a new customer, as a
 * business sold is (過戶).
 */
import { conflict, DomainError } from '../errors';
import { docIdSchema, z, type MessageCatalogue } from '../schema';
import { revised, type Customer } from './customer';

export const setPayerInputSchema = z
  .object({
    /** The head office (總公司) that pays for this customer's deliveries on account; null: the customer pays for itself again. */
    payerId: docIdSchema.nullable(),
  })
  .strict()
  .openapi('SetCustomerPayerRequest', { example: { payerId: 'cust-0042' } });
export type SetPayerInput = z.infer<typeof setPayerInputSchema>;

type Named = Pick<Customer, 'id' | 'code' | 'name'>;

/** A customer as a link names it to people: code and name. */
export const payerRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string() }).openapi('CustomerRef');
export type PayerRef = z.infer<typeof payerRefSchema>;

export const refOf = (c: Named): PayerRef => ({ id: c.id, code: c.code, name: c.name });

/**
 * The branches that hold a head office to 月結 and to staying active: those still taking deliveries. A deactivated branch
 * orders nothing more, and reactivating it asks its head office again (`assertPayerTakesBranch`).
 */
export const activeBranches = <B extends Pick<Customer, 'status'>>(branches: readonly B[]): B[] => branches.filter((b) => b.status === 'active');

/** What the link's checks need to know besides the two customers, read in the link's transaction. */
export interface PayerLinkState {
  /** Customers that already name the branch as their payer (at most one is needed to refuse). */
  readonly branchesOfBranch: readonly Named[];
  /** The branch's own balance now (its charges less what was paid, credited or refunded on its own account). */
  readonly balance: number;
  /** The branch's deliveries on account still waiting for their 月結發票, if any. */
  readonly uninvoiced: { readonly count: number; readonly from: string; readonly to: string } | null;
}

const precondition = (code: string, message: string, details: Record<string, unknown>) => new DomainError(code, 'precondition', message, details);

/**
 * The branch with its new payer (`payerId`, the customer read under it as `payer`; null for none). Sending the link it
 * has writes nothing (the same object back).
 * @throws `CUSTOMER.PAYER_SELF`, `CUSTOMER.PAYER_NOT_FOUND`, `CUSTOMER.PAYER_INACTIVE`, `CUSTOMER.PAYER_NOT_MONTHLY`, `CUSTOMER.PAYER_IS_BRANCH`,
 *   `CUSTOMER.PAYER_HAS_BRANCHES` (422), `CUSTOMER.PAYER_BALANCE_OPEN`, `CUSTOMER.PAYER_UNINVOICED` (409).
 */
export function linkPayer(branch: Customer, payerId: string | null, payer: Customer | null, state: PayerLinkState, now: Date): Customer {
  if ((branch.payerId ?? null) === payerId) return branch;
  if (payerId !== null) {
    if (payerId === branch.id) throw precondition('CUSTOMER.PAYER_SELF', `Customer ${branch.id} cannot pay for itself`, { id: branch.id });
    if (!payer) throw precondition('CUSTOMER.PAYER_NOT_FOUND', `No customer ${payerId}`, { payerId });
    const named = refOf(payer);
    if (payer.status !== 'active') throw precondition('CUSTOMER.PAYER_INACTIVE', `Payer ${payer.id} is inactive`, named);
    if (payer.paymentTerms !== 'monthly') throw precondition('CUSTOMER.PAYER_NOT_MONTHLY', `Payer ${payer.id} is not on monthly terms`, named);
    if (payer.payerId) throw precondition('CUSTOMER.PAYER_IS_BRANCH', `Payer ${payer.id} is itself paid for by ${payer.payerId}`, named);
    const [first] = state.branchesOfBranch;
    if (first) throw precondition('CUSTOMER.PAYER_HAS_BRANCHES', `${branch.id} pays for ${first.id}`, { ...refOf(first), count: state.branchesOfBranch.length });
  }
  if (state.balance !== 0) {
    throw conflict('CUSTOMER.PAYER_BALANCE_OPEN', `${branch.id} has a balance of ${state.balance}`, { id: branch.id, balance: state.balance });
  }
  if (state.uninvoiced) throw conflict('CUSTOMER.PAYER_UNINVOICED', `${branch.id} has deliveries on account not invoiced yet`, { id: branch.id, ...state.uninvoiced });
  const { payerId: _old, payerSince: _since, ...rest } = branch;
  return revised(rest, payer ? { payerId: payer.id, payerSince: now.toISOString() } : {}, now);
}

/**
 * A head office's terms may not leave 月結 nor the customer be deactivated while branches name it: their deliveries on
 * account would go on being billed to an account that takes none.
 * @throws `CUSTOMER.PAYER_HAS_BRANCHES` (422) with the first branch and how many there are.
 */
export function assertNoBranches(payer: Named, branches: readonly Named[]): void {
  const [first] = branches;
  if (!first) return;
  throw precondition('CUSTOMER.PAYER_HAS_BRANCHES', `${payer.id} pays for ${branches.length} branches`, { ...refOf(first), count: branches.length });
}

/**
 * A head office keeps its personal data while branches name it: their deliveries on account are billed to it (its
 * 統一編號 and 抬頭 on their 月結發票) and it is who pays and is asked to pay for them. An erased branch keeps its link:
 * the chain's books go on listing its deliveries under its code.
 * Nor does it pass its shop to a new owner (過戶, `code` `CUSTOMER.TRANSFER_HAS_BRANCHES`): the new owner has not agreed
 * to pay for the chain; the branches are moved to another payer or unlinked first. Callers pass the branches that hold
 * it (`activeBranches`).
 * @throws `code` (409) naming every branch (`branches`, code and name) and how many there are.
 */
export function assertNoBranchesToErase(
  payer: Named,
  branches: readonly Named[],
  code: 'CUSTOMER.ERASE_HAS_BRANCHES' | 'CUSTOMER.TRANSFER_HAS_BRANCHES' = 'CUSTOMER.ERASE_HAS_BRANCHES',
): void {
  if (branches.length === 0) return;
  throw conflict(code, `${payer.id} pays for ${branches.length} branches`, { count: branches.length, branches: branches.map((b) => `${b.code} ${b.name}`) });
}

/**
 * Payments and 催款 are the head office's: what it pays settles its branches' deliveries, whose charges are in its
 * balance, and it is who is asked to pay them.
 * @throws `PAYMENT.AT_PAYER` (recording a payment), `RECEIVABLE.AT_PAYER` (a reminder) or `COLLECTION_CONTACT.AT_PAYER`
 *   (a 催款 call or visit), 422, naming the head office (`payer`, null for a customer that pays for itself).
 */
export function assertPaysForItself(
  customer: Pick<Customer, 'id'>,
  payer: Named | null,
  code: 'PAYMENT.AT_PAYER' | 'RECEIVABLE.AT_PAYER' | 'COLLECTION_CONTACT.AT_PAYER' = 'PAYMENT.AT_PAYER',
): void {
  if (payer) throw precondition(code, `${customer.id} is paid for by ${payer.id}`, refOf(payer));
}

/**
 * A branch comes back only to a head office that pays for it: one still active and on 月結, as linking asks, since its
 * deliveries on account would be billed to an account that takes none. Read in the reactivation's transaction.
 * @throws `CUSTOMER.BRANCH_PAYER_INACTIVE`, `CUSTOMER.BRANCH_PAYER_NOT_MONTHLY` (409) naming the head office.
 */
export function assertPayerTakesBranch(branch: Pick<Customer, 'id' | 'payerId'>, payer: Customer | null): void {
  if (!branch.payerId) return;
  const named = payer ? refOf(payer) : { id: branch.payerId, code: branch.payerId, name: '' };
  if (payer?.status !== 'active') throw conflict('CUSTOMER.BRANCH_PAYER_INACTIVE', `${branch.id}'s payer ${branch.payerId} is inactive`, named);
  if (payer.paymentTerms !== 'monthly') throw conflict('CUSTOMER.BRANCH_PAYER_NOT_MONTHLY', `${branch.id}'s payer ${payer.id} is not on monthly terms`, named);
}

export const payerMessages: MessageCatalogue = {
  'RECEIVABLE.AT_PAYER': {
    'zh-TW': '此分店的帳款由總公司 {code} {name} 支付，請向總公司催款',
    en: "This branch's account is paid by its head office {code} {name}; remind the head office",
  },
  'COLLECTION_CONTACT.AT_PAYER': {
    'zh-TW': '此分店的帳款由總公司 {code} {name} 支付，請在總公司的帳款記錄催款聯絡',
    en: "This branch's account is paid by its head office {code} {name}; record the call or visit on the head office's account",
  },
  'PAYMENT.AT_PAYER': {
    'zh-TW': '此分店的帳款由總公司 {code} {name} 支付，請在總公司登記收款',
    en: "This branch's account is paid by its head office {code} {name}; record the payment there",
  },
  'CUSTOMER.PAYER_SELF': { 'zh-TW': '付款客戶不能是這位客戶自己', en: 'A customer cannot be its own paying customer' },
  'CUSTOMER.PAYER_NOT_FOUND': { 'zh-TW': '找不到要設為付款客戶的客戶', en: 'The paying customer was not found' },
  'CUSTOMER.PAYER_INACTIVE': { 'zh-TW': '{code} {name} 已停用，不能擔任付款客戶', en: '{code} {name} is inactive and cannot pay for branches' },
  'CUSTOMER.PAYER_NOT_MONTHLY': {
    'zh-TW': '{code} {name} 不是月結客戶；總公司付款須為月結，請先將其付款條件改為月結',
    en: '{code} {name} is not on monthly terms; a head office pays monthly, so change its terms to monthly first',
  },
  'CUSTOMER.PAYER_IS_BRANCH': {
    'zh-TW': '{code} {name} 本身是分店，由其他客戶付款；請直接選擇總公司',
    en: '{code} {name} is itself a branch paid for by another customer; pick the head office instead',
  },
  'CUSTOMER.PAYER_HAS_BRANCHES': {
    'zh-TW': '此客戶是總公司，正為 {count} 間分店付款（例如 {code} {name}）；請先處理這些分店',
    en: 'This customer is a head office paying for {count} branch (such as {code} {name}); deal with it first | This customer is a head office paying for {count} branches (such as {code} {name}); deal with them first',
    countedBy: 'count',
  },
  'CUSTOMER.ERASE_HAS_BRANCHES': {
    'zh-TW': '此客戶是總公司，正為 {count} 間分店付款（{branches:list}）：分店的月結帳款與發票記在總公司名下，不能刪除總公司的個資',
    en: "This customer is a head office paying for {count} branch ({branches:list}), whose monthly accounts and invoices are in its name; its personal data cannot be erased | This customer is a head office paying for {count} branches ({branches:list}), whose monthly accounts and invoices are in its name; its personal data cannot be erased",
    countedBy: 'count',
  },
  'CUSTOMER.PAYER_BALANCE_OPEN': {
    'zh-TW': '此客戶的帳款尚未結清（{balance:money}），結清後才能變更付款客戶；已由總公司付款的分店若要獨立，請以新客戶建立',
    en: "This customer's account is not settled ({balance:money}); the paying customer changes only once it is. A branch the head office has paid for that goes its own way is a new customer",
  },
  'CUSTOMER.PAYER_UNINVOICED': {
    'zh-TW': '此客戶自 {from} 起有 {count} 筆月結送貨尚未開立發票，待月結發票開立後才能變更付款客戶',
    en: 'This customer has {count} delivery on account since {from} not yet invoiced; change the paying customer once its monthly invoice is issued | This customer has {count} deliveries on account since {from} not yet invoiced; change the paying customer once their monthly invoice is issued',
    countedBy: 'count',
  },
  'CUSTOMER.BRANCH_PAYER_INACTIVE': {
    'zh-TW': '此分店由總公司 {code} {name} 付款，總公司已停用；請先恢復總公司，再恢復分店',
    en: 'This branch is paid for by its head office {code} {name}, which is inactive; reactivate the head office first',
  },
  'CUSTOMER.BRANCH_PAYER_NOT_MONTHLY': {
    'zh-TW': '此分店由總公司 {code} {name} 付款，總公司已不是月結客戶；請先將總公司的付款條件改回月結，再恢復分店',
    en: 'This branch is paid for by its head office {code} {name}, which is no longer on monthly terms; put the head office back on monthly terms first',
  },
};
