import { formatMoney, formatShortDate } from '../../lib/format';
import type { CylindersOnSite, Order, SizeQuantity, TimeWindow } from '../../lib/types';
import { itemsText, type Translate } from '../orders/items-text';

/** Closed weekdays as 一、三 (0 = Sunday); none as a dash. */
export const weekdaysText = (days: readonly number[], t: Translate): string =>
  days.length > 0 ? days.map((d) => t(`customers.form.weekday.${d}`, {})).join(t('common.listSeparator', {})) : '—';

/** Delivery hours as 09:00–11:00、14:00–16:00; none as a dash. */
export const windowsText = (windows: readonly TimeWindow[], t: Translate): string =>
  windows.length > 0 ? windows.map((w) => `${w.start}–${w.end}`).join(t('common.listSeparator', {})) : '—';

/**
 * The phone a search typed as a number found (its first or last digits, as the search matches a phone), else the first:
 * a caller giving their second or old number hears it read back from the match, not a number they never said.
 */
export function phoneFound(phones: readonly string[], query: string): string | undefined {
  const typed = query.normalize('NFKC').trim();
  const digits = typed.replace(/\D/g, '');
  if (!/^[\d\s()+-]+$/.test(typed) || digits.length < 3) return phones[0];
  const found = phones.find((p) => {
    const own = p.replace(/\D/g, '');
    return own.startsWith(digits) || own.endsWith(digits);
  });
  return found ?? phones[0];
}

/**
 * What a customer who leaves (退戶) still has with the company, each item named: the cylinders at their place to collect,
 * the deposit to refund once those are back, what they owe or are owed (`balance`, negative for a credit).
 */
export function leavingItems(cylinders: readonly SizeQuantity[], deposit: number, balance: number, t: Translate): string[] {
  return [
    ...(cylinders.length > 0 ? [t('customers.detail.leaving.cylinders', { cylinders: itemsText(cylinders, t) })] : []),
    ...(deposit > 0 ? [t('customers.detail.leaving.deposit', { amount: formatMoney(deposit) })] : []),
    ...(balance > 0 ? [t('customers.detail.leaving.owes', { amount: formatMoney(balance) })] : []),
    ...(balance < 0 ? [t('customers.detail.leaving.credit', { amount: formatMoney(-balance) })] : []),
  ];
}

/**
 * `leavingItems` for 停用's question, from the customer's record. Null when nothing is open. Deactivating keeps all of it
 * on the record; it only takes the customer off the lists that would show it (停用待結清 lists it again).
 */
export function openOnLeaving(onSite: readonly CylindersOnSite[], balance: number, t: Translate): string | null {
  const cylinders = onSite.filter((l) => l.count > 0).map(({ size, count }) => ({ size, quantity: count }));
  const open = leavingItems(cylinders, onSite.reduce((sum, l) => sum + l.depositPaid, 0), balance, t);
  return open.length > 0 ? t('customers.detail.leaving.open', { items: open.join(t('common.listSeparator', {})) }) : null;
}

/**
 * The customer's orders a truck carries to another address than theirs now (搬家, or a new floor, after the route was
 * published): those keep the place their stop was planned at, so the clerk takes them off the route (confirmed again,
 * they go to the new one) or tells the driver.
 */
export const ordersAtOldPlace = <T extends Pick<Order, 'status' | 'address'>>(orders: readonly T[], address: string): T[] =>
  orders.filter((o) => (o.status === 'scheduled' || o.status === 'out_for_delivery') && o.address !== address);

/** One of those orders as the drawer lists it: 12/1（二） 已排程 台北市北投區光明路196號15樓. */
export const oldPlaceLine = (o: Pick<Order, 'requestedDate' | 'status' | 'address'>, t: Translate, locale: string): string =>
  `${formatShortDate(o.requestedDate, locale === 'en' ? 'en' : 'zh-TW')} ${t(`status.${o.status}`, {})} ${o.address}`;
