import { taipeiDate } from '../../domain/clock';
import { einvoiceUploadSchema, isOverdue, type EinvoiceUpload } from '../../domain/invoicing/mig-upload';
import { DEMO_REJECTION } from './einvoice-uploads';
import { generateDemoWorld, type DemoWorld } from './generate';

const TODAY = '2026-11-28';
/** 10:00 in Taipei: yesterday's messages from before 10:00 have waited a whole day, those after not yet. */
const NOW = '2026-11-28T02:00:00.000Z';
const SLOW_MS = 60_000;

let world: DemoWorld;
beforeAll(() => {
  world = generateDemoWorld({ today: TODAY, now: NOW });
}, SLOW_MS);

const dayOf = (u: EinvoiceUpload): string => taipeiDate(new Date(u.createdAt));
const ofType = (type: EinvoiceUpload['messageType']) => world.einvoiceUploads.filter((u) => u.messageType === type);

describe('the demo’s Turnkey upload queue', () => {
  it('has one F0401 per seeded invoice, issued when it was, carrying it as issued, and one F0501 per void at the void', () => {
    const f0401 = ofType('F0401');
    expect(f0401.map((u) => u.id).sort()).toEqual(world.invoices.map((inv) => `F0401-${inv.number}`).sort());
    const voided = world.invoices.filter((inv) => inv.status === 'void');
    expect(voided.length).toBeGreaterThan(0);
    expect(ofType('F0501').map((u) => u.id).sort()).toEqual(voided.map((inv) => `F0501-${inv.number}`).sort());
    for (const inv of voided) {
      const cancel = world.einvoiceUploads.find((u) => u.id === `F0501-${inv.number}`);
      expect(cancel).toMatchObject({ invoiceId: inv.id, createdAt: inv.voidedAt, cancel: { at: inv.voidedAt, reason: inv.voidReason }, invoice: { status: 'issued' } });
      expect(cancel?.invoice).not.toHaveProperty('voidedAt');
    }
    for (const u of f0401) expect(u.createdAt).toBe(u.invoice.issuedAt);
    expect(world.einvoiceUploads.length).toBe(world.invoices.length + voided.length);
    for (const u of world.einvoiceUploads) expect(einvoiceUploadSchema.safeParse(u).success).toBe(true);
  });

  it('has those of two days ago and before answered, yesterday’s handed to Turnkey, today’s pending, none overdue', () => {
    const byStatus = (status: EinvoiceUpload['status']) => world.einvoiceUploads.filter((u) => u.status === status);
    expect(byStatus('pending').length).toBeGreaterThan(0);
    expect(byStatus('delivered').length).toBeGreaterThan(0);
    expect(byStatus('accepted').length).toBeGreaterThan(1000);
    for (const u of byStatus('pending')) expect(dayOf(u)).toBe(TODAY);
    for (const u of byStatus('delivered')) expect(dayOf(u)).toBe('2026-11-27');
    for (const u of world.einvoiceUploads.filter((x) => dayOf(x) < '2026-11-27')) expect(['accepted', 'rejected']).toContain(u.status);
    for (const u of world.einvoiceUploads) expect(isOverdue(u, new Date(NOW))).toBe(false);
  });

  it('has the Turnkey machine’s times in order and none after now', () => {
    for (const u of world.einvoiceUploads) {
      const times = [u.createdAt, u.deliveredAt, u.resultAt].filter((t): t is string => t !== undefined);
      expect([...times].sort()).toEqual(times);
      expect(times.every((t) => t <= NOW)).toBe(true);
      expect(u.deliveredAt !== undefined).toBe(u.status !== 'pending');
      expect(u.resultAt !== undefined).toBe(u.status === 'accepted' || u.status === 'rejected');
    }
  });

  it('has one F0401 of a carrier invoice refused by the platform, with its error', () => {
    const rejected = world.einvoiceUploads.filter((u) => u.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ messageType: 'F0401', error: DEMO_REJECTION, invoice: { buyer: { type: 'carrier' } } });
  });

  it('is the same for the same seed and now', () => {
    expect(generateDemoWorld({ today: TODAY, now: NOW }).einvoiceUploads).toEqual(world.einvoiceUploads);
  }, SLOW_MS);
});
