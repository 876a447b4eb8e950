import type { Ref } from 'vue';
import type { PaymentMethod, SizeQuantity } from '../lib/types';
import { api, downloadFile, useApiResource } from './useApi';

/** What the office recorded as handed in (`settlements/{date}_{driverId}`, read through the API only). */
export interface Settlement {
  id: string;
  date: string;
  driverId: string;
  cashReceived: number;
  emptiesReceived?: SizeQuantity[];
  note: string;
  by: { uid: string; role: string };
  at: string;
  corrections: Omit<Settlement, 'id' | 'date' | 'driverId' | 'corrections'>[];
}

/** One driver's day as `GET /api/settlements` sums it (the API's `DriverSettlementRow`). */
export interface SettlementRow {
  driverId: string;
  driverName: string;
  /** `collected`: collection-only stops (回收空瓶), not among `delivered`. */
  stops: { delivered: number; failed: number; collected: number };
  /** `reason` a failure code (`reasonText`) or the driver's words; `note` the words beside a picked code, when there are any. */
  failed: { orderId: string; customerId: string; customerName: string; reason: string; note?: string }[];
  cylindersDelivered: SizeQuantity[];
  empties: { expected: SizeQuantity[]; collected: SizeQuantity[] };
  cash: { expected: number; collected: number; difference: number };
  /** `bookedOn` (補登): the day the sale is booked on, when it was synced after its own day was closed. */
  notCollectedAtDoor: { orderId: string; customerName: string; paymentMethod: PaymentMethod; total: number; bookedOn?: string }[];
  /** Deposits (押金) taken in cash at the day's deliveries: to hand in besides the orders' cash; `bookedOn` as above. */
  deposits: { collected: number; lines: { orderId: string; customerName: string; size: number; count: number; amount: number; bookedOn?: string }[] };
  /** 補登: the cash taken at the door for deliveries synced after their day was closed, in `cash`, booked on `bookedOn`. */
  cashBookedLate: { orderId: string; customerName: string; amount: number; bookedOn: string }[];
  settlement: Settlement | null;
  /** cashReceived − (orders' cash collected + deposits collected), once settled. */
  handInDifference: number | null;
  /** Who recorded the hand-in, by display name. */
  settledByName: string | null;
  /** 日結後補傳: fulls delivered that the settlement did not take out of the stock (uploaded after it); recording the hand-in again does. */
  deliveredAfterSettlement: SizeQuantity[];
  /** The stops of the driver's sent-out routes with no outcome, and the fulls loaded for them: to come back to the yard. */
  undelivered: { stops: number; cylinders: SizeQuantity[] };
}

export interface SettlementInput {
  date: string;
  driverId: string;
  cashReceived: number;
  emptiesReceived?: SizeQuantity[];
  note: string;
  /** Correct a day already settled (without it the API answers 409). */
  replace: boolean;
}

/** The cash a driver should hand in: what the orders took at the door and the deposits collected there (the API's rule). */
export const handInDue = (row: Pick<SettlementRow, 'cash' | 'deposits'>): number => row.cash.collected + row.deposits.collected;

export const recordSettlement = (input: SettlementInput, idempotencyKey: string) =>
  api.post<{ settlement: Settlement }>('/api/settlements', input, { idempotencyKey });

/**
 * The day's settlement rows, read again when the day changes and after a hand-in is recorded. Staff get
 * every driver; a driver's call names no driver and gets their own row (the API refuses anyone else's).
 */
export function useSettlements(date: Readonly<Ref<string>>) {
  const resource = useApiResource<SettlementRow[]>(async () => (await api.get<{ drivers: SettlementRow[] }>('/api/settlements', { date: date.value })).drivers, [], { source: date });
  return { rows: resource.data, loading: resource.loading, error: resource.error, reload: resource.reload };
}

/** The money of a driver's day in the month, or of a total (the API's `DriverSettlementMonth`). */
interface MonthMoney {
  cashExpected: number;
  cashCollected: number;
  deposits: number;
  /** cashCollected + deposits: what the driver should hand in. */
  due: number;
}

export interface SettlementMonthDay extends MonthMoney {
  date: string;
  /** null while the day is not settled. */
  handedIn: number | null;
  /** 短溢: handedIn − due, once settled. */
  difference: number | null;
  /** Delivered (or took cash) and no hand-in recorded. */
  unsettled: boolean;
}

export interface SettlementMonthTotals extends MonthMoney {
  handedIn: number;
  difference: number;
  unsettledDays: number;
}

export interface SettlementMonth {
  month: string;
  drivers: { driverId: string; driverName: string; days: SettlementMonthDay[]; totals: SettlementMonthTotals }[];
  totals: SettlementMonthTotals;
}

const MONTH_PATH = '/api/settlements/month';

/** 司機現金月報: each driver's days of the month as 司機日結 sums them, read again whenever the month changes. */
export function useSettlementMonth(month: () => string) {
  const resource = useApiResource<SettlementMonth | null>(() => api.get<SettlementMonth>(MONTH_PATH, { month: month() }), null, { source: month });
  return { report: resource.data, loading: resource.loading, error: resource.error };
}

/** Saves the month's CSV (UTF-8 with BOM, texts in the app's language) under `fileName`. */
export const downloadSettlementMonthCsv = (month: string, fileName: string): Promise<void> => downloadFile(`${MONTH_PATH}/export`, { month }, fileName);
