/**
 * The Turnkey upload queue (`einvoiceUploads`) the demo's invoices would have left, as the local book queues it: an
 * F0401 per seeded invoice when it was issued, an F0501 per void when it was voided, built with the domain's own
 * `issueUpload` / `voidUpload` and moved along with `markDelivered` / `applyResult`. Where each message got to follows
 * its Taipei day: those of two days ago and before accepted by the platform, yesterday's handed to Turnkey and waiting
 * for its answer, today's still pending for the Turnkey machine's next run; and one F0401 refused, so the admin's
 * 上傳財政部 section shows what a rejection looks like.
 */
import { addDays } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import type { Invoice } from '../../domain/invoicing';
import { applyResult, issueUpload, markDelivered, UPLOAD_OVERDUE_MS, voidUpload, type InvoiceMessageUpload } from '../../domain/invoicing/mig-upload';
import type { Rng } from './prng';

/**
 * The demo's refusal: a mobile barcode the platform does not know, the mistake the MOF writes to sellers about most.
 * The code is the demo's own, in the `ErrorCode ErrorMessage` shape turnkey:sync reports a result file's error in.
 */
export const DEMO_REJECTION = 'E0301 手機條碼載具號碼不存在於共通性載具平台，請確認買受人之手機條碼';

const MINUTE = 60_000;
const later = (iso: string, minutes: number, cap: number): Date => new Date(Math.min(Date.parse(iso) + minutes * MINUTE, cap));

/**
 * The messages of `invoices` (all numbered from the demo's books) as of `now` on the demo's `today`. Yesterday's that
 * have waited longer than the overdue limit count as answered too, so a fresh demo raises no overdue alert of its own.
 */
export function demoEinvoiceUploads(rng: Rng, invoices: readonly Invoice[], today: string, now: string): InvoiceMessageUpload[] {
  const cap = Date.parse(now);
  const yesterday = addDays(today, -1);
  const messages = invoices.flatMap((inv) => {
    // Both messages carry the invoice as it was issued: the book queues them before the void is recorded on it.
    const { voidedAt, voidReason, voidedBy: _by, ...rest } = inv;
    const asIssued: Invoice = { ...rest, status: 'issued' };
    const issued = issueUpload(asIssued, new Date(inv.issuedAt));
    return voidedAt ? [issued, voidUpload(asIssued, voidReason ?? '', new Date(voidedAt))] : [issued];
  });
  const uploads = messages
    .filter((u) => Date.parse(u.createdAt) <= cap)
    .map((u) => {
      const r = rng.fork(u.id);
      const day = taipeiDate(new Date(u.createdAt));
      if (day === today) return u;
      // The Turnkey machine runs every 10 minutes; the platform answers within hours.
      const delivered = markDelivered(u, later(u.createdAt, r.int(1, 10), cap))!;
      const answered = day < yesterday || cap - Date.parse(u.createdAt) > UPLOAD_OVERDUE_MS;
      return answered ? applyResult(delivered, { id: u.id, status: 'accepted' }, later(delivered.deliveredAt!, r.int(20, 180), cap))! : delivered;
    });
  const refusable = uploads.filter((u) => u.status === 'accepted' && u.messageType === 'F0401' && u.invoice.buyer.type === 'carrier' && u.invoice.status === 'issued');
  if (refusable.length === 0) return uploads;
  const refused = rng.fork('rejected').pick(refusable);
  const { resultAt: _accepted, ...waiting } = refused;
  const rejected = applyResult({ ...waiting, status: 'delivered' }, { id: refused.id, status: 'rejected', error: DEMO_REJECTION }, new Date(refused.resultAt!))!;
  return uploads.map((u) => (u.id === refused.id ? rejected : u));
}
