import type { OrderItem, PaymentMethod, SizeQuantity } from '../lib/types';
import { api, downloadFile, useApiResource } from './useApi';
import type { StatementDeposits } from './useDeposits';
import type { InvoiceStatus } from './useInvoices';
import type { Payment } from './usePayments';
import type { Refund } from './useRefunds';
import type { CustomerRef } from './useCustomerChain';

/** An invoice a statement names: its sale's valid one (a void one's last reissue), void only while not reissued. */
export interface StatementInvoice {
  number: string;
  status: InvoiceStatus;
}

/** One line of a statement: a delivered order. */
export type StatementLine = Statement['lines'][number];

/** A branch in its head office's statement (分店／總公司付款): its deliveries of the month and what they came to. */
export interface BranchStatement {
  customer: { id: string; code: string; name: string; address: string };
  lines: StatementLine[];
  /** The branch's invoice of the month (made out to the head office), once issued. */
  monthInvoice?: StatementInvoice;
  totals: { charges: number; cashCollected: number; amountDue: number; allowances: number; cylinders: SizeQuantity[]; emptiesCollected: SizeQuantity[] };
}

/** `GET /api/statements/:customerId` (functions/src/domain/billing/statement.ts, chain-statement.ts). */
export interface Statement {
  month: string;
  period: { from: string; to: string };
  closed: boolean;
  customer: {
    id: string;
    code: string;
    name: string;
    contactName?: string;
    address: string;
    phones: string[];
    paymentTerms: PaymentMethod;
    taxId?: string;
    companyTitle?: string;
  };
  lines: {
    /** The day the charge counts on: the delivery's, or the first open day for one booked late (補登). */
    date: string;
    deliveredAt: string;
    /** 補登: the day it was delivered, when that month was already closed as the driver's phone synced. */
    deliveredOn?: string;
    orderId: string;
    items: OrderItem[];
    total: number;
    paymentMethod: PaymentMethod;
    cashCollected: number;
    /** The month's invoice (月結) when that lists the order, else its own; absent while not invoiced. */
    invoice?: StatementInvoice;
  }[];
  /** The customer's invoice of the month, once issued. */
  monthInvoice?: StatementInvoice;
  /** The month's payments that count (voided ones left out), by the day received. */
  payments: Pick<Payment, 'id' | 'amount' | 'method' | 'receivedOn' | 'reference' | 'note'>[];
  /** The month's allowances (折讓) that stand (cancelled ones left out), by the time issued: credits off what is owed. */
  allowances: {
    /** The Taipei day issued. */
    date: string;
    issuedAt: string;
    id: string;
    /** 折讓單號. */
    number: string;
    invoiceId: string;
    invoiceNumber: string;
    reason: string;
    amount: number;
  }[];
  /** The month's refunds (退款) paid (voided ones left out), by the day paid: credit handed back, added to what is owed. */
  refunds: Pick<Refund, 'id' | 'amount' | 'method' | 'paidOn' | 'reason' | 'allowanceId'>[];
  deposits: StatementDeposits;
  totals: {
    /** Owed when the month began; negative is a credit. */
    openingBalance: number;
    charges: number;
    cashCollected: number;
    /** The month's charges less cash taken at the door. */
    amountDue: number;
    payments: number;
    allowances: number;
    refunds: number;
    /** openingBalance + amountDue − payments − allowances + refunds. */
    closingBalance: number;
    cylinders: SizeQuantity[];
    emptiesCollected: SizeQuantity[];
  };
  /** A branch's: the head office that pays it (its statement and balance carry the branch's deliveries). */
  payer?: CustomerRef;
  /** A head office's: each branch it paid for in the month; the totals and lists above are then the whole chain's. */
  branches?: BranchStatement[];
}

const path = (customerId: string) => `/api/statements/${encodeURIComponent(customerId)}`;

/** A customer's monthly statement (月結對帳單), read again whenever the customer or the month changes. */
export function useStatement(customerId: () => string | undefined, month: () => string) {
  const resource = useApiResource<Statement | null>(
    async () => {
      const id = customerId();
      return id ? api.get<Statement>(path(id), { month: month() }) : null;
    },
    null,
    { source: () => [customerId(), month()] },
  );
  return { statement: resource.data, loading: resource.loading, error: resource.error, reload: resource.reload };
}

/** One page of a month's statements as a batch (月結對帳單批次): `next` is where the following page starts, absent on the last. */
export interface StatementBatchPage {
  month: string;
  items: Statement[];
  scanned: number;
  next?: string;
}

/** `GET /api/statements?month=` from the customer code `after` (the first page without). */
export const statementBatchPage = (month: string, after?: string): Promise<StatementBatchPage> => api.get<StatementBatchPage>('/api/statements', { month, ...(after ? { after } : {}) });

/** Saves the statement's CSV (UTF-8 with BOM, headers in the app's language) under `fileName`. */
export const downloadStatementCsv = (customerId: string, month: string, fileName: string): Promise<void> => downloadFile(`${path(customerId)}/csv`, { month }, fileName);

/** The books-closed date (關帳日, office and admin): money dated on or before it is neither recorded nor voided, so no screen offers to. */
export const booksClosedThrough = async (): Promise<string | null> => (await api.get<{ closing: { closedThrough: string } | null }>('/api/books')).closing?.closedThrough ?? null;
