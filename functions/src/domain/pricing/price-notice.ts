/**
 * 調價通知: LPG prices follow CPC's monthly adjustment, and customers are told of a new price before it applies. Who is
 * told about a price entry, what they read, and when a repeated entry is a correction: pure rules, the consumer only
 * loads, sends and marks.
 */
import { addDays } from '../calendar';
import type { CustomerStatus } from '../customers/customer';
import type { CylinderSize } from '../cylinders';
import { buildEvent, type Actor, type OutboxEntry } from '../events';
import { chooseAddress, recipientOf } from '../notifications/channel';
import { formatDate, formatNtd, type NoticeLocale } from '../notifications/templates';
import { customerPriceList, type ContractPrice } from './contract-price';
import { priceFor, type PriceEntry, type PriceList } from './price-list';

/** A customer who ordered a size within this many days buys it: half a year spans a household's slowest refills. */
export const PRICE_NOTICE_LOOKBACK_DAYS = 180;

/** What an entry changes: the price of `size` from `effectiveFrom`, and the price in force the day before. */
export interface PriceChange {
  readonly entryId: string;
  readonly size: CylinderSize;
  readonly effectiveFrom: string;
  readonly unitPrice: number;
  readonly previousPrice: number;
}

/** The entry and the price in force the day before it; null when the size had no price before (nobody can have bought it). */
export function priceChangeOf(list: PriceList, entry: Pick<PriceEntry, 'id' | 'size' | 'unitPrice' | 'effectiveFrom'>): PriceChange | null {
  const dayBefore = addDays(entry.effectiveFrom, -1);
  if (!list.some((e) => e.size === entry.size && e.effectiveFrom <= dayBefore)) return null;
  return { entryId: entry.id, size: entry.size, effectiveFrom: entry.effectiveFrom, unitPrice: entry.unitPrice, previousPrice: priceFor(list, entry.size, dayBefore) };
}

/**
 * The price a posting revokes (撤銷調價): posted again for a stored entry's size and day at the price in force the day
 * before, it moves nothing, and the change it replaces never applies. That change's price (kept when the revocation is
 * posted twice); undefined for any other posting, a correction to another price among them.
 */
export function revokedPriceOf(list: PriceList, stored: Pick<PriceEntry, 'unitPrice' | 'revokedPrice'> | undefined, entry: Pick<PriceEntry, 'id' | 'size' | 'unitPrice' | 'effectiveFrom'>): number | undefined {
  if (!stored || priceChangeOf(list, entry)?.previousPrice !== entry.unitPrice) return undefined;
  return stored.unitPrice === entry.unitPrice ? stored.revokedPrice : stored.unitPrice;
}

/**
 * What an entry changes for a customer with 合約價 terms: their price from its day against theirs the day before, both
 * from `customerPriceList` (a discount moves with the list, a fixed contract price does not, so the entry changes nothing
 * for them). The entry's own change for a customer without terms; null when they had no price before.
 */
export function customerPriceChange(list: PriceList, entry: Pick<PriceEntry, 'id' | 'size' | 'unitPrice' | 'effectiveFrom'>, terms: readonly ContractPrice[] | undefined): PriceChange | null {
  const own = customerPriceList(list, terms);
  return priceChangeOf(own, own === list ? entry : { ...entry, unitPrice: priceFor(own, entry.size, entry.effectiveFrom) });
}

/** The changes still to come after `today` that move a price, by day then size: what customers may be told about. */
export function upcomingChanges(list: readonly Pick<PriceEntry, 'id' | 'size' | 'unitPrice' | 'effectiveFrom'>[], today: string): PriceChange[] {
  return list
    .filter((e) => e.effectiveFrom > today)
    .flatMap((e) => {
      const change = priceChangeOf(list, e);
      return change && change.unitPrice !== change.previousPrice ? [change] : [];
    })
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.size - b.size);
}

/** What a customer brings to the decision. */
export interface PriceNoticeCandidate {
  readonly id: string;
  readonly status: CustomerStatus;
  readonly lineUserId?: string | undefined;
  readonly phones: readonly string[];
  readonly cylindersOnSite: readonly { readonly size: CylinderSize; readonly count: number }[];
  /** The sizes of the customer's orders requested within `PRICE_NOTICE_LOOKBACK_DAYS`. */
  readonly orderedSizes: ReadonlySet<CylinderSize>;
}

export interface PriceNotice {
  readonly customerId: string;
  readonly change: PriceChange;
  /** The price this customer was told earlier for the same entry, when this notice corrects it. */
  readonly corrects?: number;
}

/**
 * Why nobody hears of an entry: its day is today or past (the price already applies, no notice comes before it);
 * it moves nothing and nobody was told otherwise (`NO_CHANGE`).
 */
export type PriceChangeSkip = 'PASSED' | 'NO_CHANGE';

/**
 * Why a customer is not told: inactive; buys another size (`NOT_A_BUYER`: no order of it within the look-back, none on
 * site); neither LINE nor a mobile (`NO_CHANNEL`: the inbox reaches only portal users, and the portal shows the change
 * itself); already told this price for this entry.
 */
export type PriceNoticeSkip = PriceChangeSkip | 'INACTIVE' | 'NOT_A_BUYER' | 'NO_CHANNEL' | 'ALREADY_TOLD';

/** Whether the customer has LINE or a mobile, whichever of the two the deployment sends through. */
const reachable = (c: PriceNoticeCandidate): boolean => chooseAddress(recipientOf(c), { line: true, sms: true }).channel !== 'inbox';

/** Whether the customer buys the size: ordered it within the look-back or has one on site (the portal's banner reads the same rule). */
export const buysSize = (
  c: { readonly orderedSizes: ReadonlySet<number>; readonly cylindersOnSite: readonly { readonly size: number; readonly count: number }[] },
  size: number,
): boolean =>
  c.orderedSizes.has(size) || c.cylindersOnSite.some((l) => l.size === size && l.count > 0);

/**
 * Whether `candidate` hears of `change` on `today` (a Taipei day). Once per customer and entry: `toldPrice` is the price
 * they were last told for it, so the same price again sends nothing and another one sends a correction — also when the
 * entry now leaves the price as it was.
 */
export function priceNoticeFor(change: PriceChange, candidate: PriceNoticeCandidate, ctx: { readonly today: string; readonly toldPrice?: number | undefined }): PriceNotice | PriceNoticeSkip {
  if (change.effectiveFrom <= ctx.today) return 'PASSED';
  const { toldPrice } = ctx;
  if (toldPrice === change.unitPrice) return 'ALREADY_TOLD';
  if (toldPrice === undefined && change.unitPrice === change.previousPrice) return 'NO_CHANGE';
  if (candidate.status !== 'active') return 'INACTIVE';
  // Whoever was told a price for the entry hears its correction, buyer or not.
  if (toldPrice === undefined && !buysSize(candidate, change.size)) return 'NOT_A_BUYER';
  if (!reachable(candidate)) return 'NO_CHANNEL';
  return { customerId: candidate.id, change, ...(toldPrice === undefined ? {} : { corrects: toldPrice }) };
}

/** Customer id → the sizes of their orders given (requested within the look-back, whatever became of them). */
export function orderedSizesByCustomer(orders: readonly { readonly customerId: string; readonly items: readonly { readonly size: CylinderSize }[] }[]): Map<string, Set<CylinderSize>> {
  const sizes = new Map<string, Set<CylinderSize>>();
  for (const o of orders) {
    const set = sizes.get(o.customerId) ?? new Set<CylinderSize>();
    for (const item of o.items) set.add(item.size);
    sizes.set(o.customerId, set);
  }
  return sizes;
}

/**
 * `price-<customerId>-<eventId>`: one notice per customer and posting of an entry, so a redelivered event sends nothing
 * twice; whether a posting tells anyone at all is `priceNoticeFor`'s `toldPrice`.
 */
export const priceNoticeId = (customerId: string, eventId: string): string => `price-${customerId}-${eventId}`;

/** The data of `price.changed`: which entry, at which price (a later posting of the entry makes this one stale). */
export interface PriceChangedData extends Readonly<Record<string, unknown>> {
  readonly entryId: string;
  readonly unitPrice: number;
}

/**
 * `price.changed` on the `notifications` topic, written with the entry in its transaction when the admin asks for
 * customers to be told: the notices go out from the `notifyPriceChange` consumer, so the API sends nothing itself.
 */
export function priceChangedEvent(entry: Pick<PriceEntry, 'id' | 'unitPrice' | 'createdAt'>, eventId: string, actor: Actor): OutboxEntry {
  const data: PriceChangedData = { entryId: entry.id, unitPrice: entry.unitPrice };
  return {
    topic: 'notifications',
    event: buildEvent({ id: eventId, type: 'price.changed', occurredAt: new Date(entry.createdAt), actor, subject: `priceList/${entry.id}`, sequence: 1, data }),
  };
}

const sizeText = (size: CylinderSize, locale: NoticeLocale) => (locale === 'en' ? `a ${size} kg cylinder` : `${size} 公斤桶裝瓦斯`);

function movement(c: PriceChange, locale: NoticeLocale): string {
  const diff = formatNtd(Math.abs(c.unitPrice - c.previousPrice));
  if (locale === 'en') return `was ${formatNtd(c.previousPrice)}, ${c.unitPrice > c.previousPrice ? 'up' : 'down'} ${diff}`;
  return `原 ${formatNtd(c.previousPrice)}，${c.unitPrice > c.previousPrice ? '調漲' : '調降'} ${diff}`;
}

/** The notice a customer reads, the day on the Taipei calendar. */
export function renderPriceNotice(n: PriceNotice, locale: NoticeLocale = 'zh-TW'): string {
  const { change: c, corrects } = n;
  const day = formatDate(c.effectiveFrom, locale);
  const size = sizeText(c.size, locale);
  if (locale === 'en') {
    const earlier = corrects === undefined ? '' : `, not ${formatNtd(corrects)} as we wrote before`;
    if (c.unitPrice === c.previousPrice) {
      return `Lucky Gas correction: the price of ${size} does not change on ${day}: it stays ${formatNtd(c.unitPrice)}${earlier}.`;
    }
    const head = corrects === undefined ? 'Lucky Gas notice' : 'Lucky Gas correction';
    return `${head}: from ${day}, ${size} costs ${formatNtd(c.unitPrice)} (${movement(c, 'en')})${earlier}.`;
  }
  const earlier = corrects === undefined ? '' : `先前通知的 ${formatNtd(corrects)} 有誤，請以本則為準。`;
  if (c.unitPrice === c.previousPrice) {
    return `幸福氣更正：${day}起 ${size}價格不變，仍為每桶 ${formatNtd(c.unitPrice)}。${earlier}`;
  }
  const head = corrects === undefined ? '幸福氣通知' : '幸福氣更正';
  return `${head}：自 ${day}起 ${size}每桶 ${formatNtd(c.unitPrice)}（${movement(c, 'zh-TW')}）。${earlier}`;
}
