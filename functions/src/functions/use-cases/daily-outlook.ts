import { container } from '../../adapters/container';
import { loadClosures, loadEarlyClosings } from '../../adapters/firestore/closure-store';
import { firestoreCylinderStockStore } from '../../adapters/firestore/cylinder-stock-store';
import { firestoreDemandAdjustmentStore } from '../../adapters/firestore/demand-adjustment-store';
import { firestoreFleetStore } from '../../adapters/firestore/fleet-store';
import { firestoreOrderHistoryStore } from '../../adapters/firestore/order-history-store';
import { firestorePredictionStore } from '../../adapters/firestore/prediction-store';
import type { CsvLocale } from '../../domain/billing/statement-csv';
import { addDays } from '../../domain/calendar';
import { taipeiDate } from '../../domain/clock';
import { CYLINDER_SIZES, type CylinderSize } from '../../domain/cylinders';
import { isActive } from '../../domain/fleet';
import { dailyOutlook, dailyOutlookDaySchema, dailyTotals, dailyTotalSchema } from '../../domain/predictions/daily-outlook';
import { dailyOutlookCsv } from '../../domain/predictions/daily-outlook-csv';
import { adjustedDays, adjustmentsWithin, demandAdjustmentSchema } from '../../domain/predictions/demand-adjustment';
import { docIdSchema, z } from '../../domain/schema';
import { depotsOfCustomers } from './forecast-pipeline';
import { stockOutOfTheYard } from './stock-out';

export const dailyOutlookQuery = z.object({
  days: z.coerce.number().int().min(1).max(14).default(7).describe('Days from tomorrow: 7 or 14 as the page offers, up to what the night stored'),
  depotId: docIdSchema.optional().describe("A depot's own customers (each at its nearest depot in service), booked orders and fulls; absent, the whole company"),
});
type DailyOutlookQuery = z.infer<typeof dailyOutlookQuery>;

export const dailyOutlookView = z
  .object({
    asOf: z.string().nullable().describe('Day of the nightly predictions; null before the first run (or one that stored no days)'),
    computedAt: z.string().nullable(),
    customers: z.number().int(),
    depots: z.array(z.object({ depotId: z.string(), depotName: z.string() })).describe('The depots the outlook has per depot'),
    days: z.array(dailyOutlookDaySchema),
    totals: z.array(dailyTotalSchema),
    adjustments: z
      .array(demandAdjustmentSchema)
      .describe("需求調整 touching the days shown: each day's mean and band are already multiplied by the factor of the one over it (the latest entered)"),
  })
  .openapi('DailyOutlook');
type DailyOutlookView = z.infer<typeof dailyOutlookView>;

/**
 * The daily outlook from tomorrow: the night's days (the depot's, when one is asked for) under staff's 需求調整, the open orders booked for
 * them and the fulls in the yard. Company-wide the fulls are counted as 鋼瓶庫存 covers tomorrow: less what today's
 * trucks took out and what unsettled days took; a depot's are its yard's as recorded (the trucks are not told apart by depot).
 */
async function outlookAndArea(query: DailyOutlookQuery): Promise<{ view: DailyOutlookView; areaName: string | undefined }> {
  const c = await container();
  const tomorrow = addDays(taipeiDate(c.clock.now()), 1);
  const fleet = firestoreFleetStore(c.db);
  const stockStore = firestoreCylinderStockStore(c.db);
  const depot = query.depotId === undefined ? undefined : await fleet.depot(query.depotId);
  const [outlook, depots, booked, closures, earlyClosings, allAdjustments] = await Promise.all([
    firestorePredictionStore(c.db).weeklyOutlook(),
    fleet.depots(),
    stockStore.bookedOrders(tomorrow, addDays(tomorrow, query.days - 1)),
    loadClosures(c.db, tomorrow),
    loadEarlyClosings(c.db, tomorrow),
    firestoreDemandAdjustmentStore(c.db).endingOnOrAfter(tomorrow),
  ]);
  const [stocks, out] = await Promise.all([
    stockStore.ofDepots(depot ? [depot.id] : depots.filter(isActive).map((d) => d.id)),
    depot ? undefined : stockOutOfTheYard(c, tomorrow),
  ]);
  let area = { customers: outlook?.customers ?? 0, days: outlook?.days };
  let ours = booked;
  if (depot) {
    const perDepot = outlook?.depots.find((d) => d.depotId === depot.id);
    area = { customers: perDepot?.customers ?? 0, days: perDepot?.days };
    // Deactivated customers' open orders still come out of the yard: everyone is placed.
    const depotOf = depotsOfCustomers(depots, await firestoreOrderHistoryStore(c.db).customers({ activeOnly: false }));
    ours = booked.filter((order) => depotOf(order.customerId)?.id === depot.id);
  }
  const gone = [...(out?.onTrucks ?? []), ...(out?.unbooked ?? [])];
  const fulls = new Map<CylinderSize, number>(
    CYLINDER_SIZES.map((size) => {
      const inYard = stocks.reduce((total, stock) => total + (stock.lines.find((l) => l.size === size)?.full ?? 0), 0);
      return [size, Math.max(0, inYard - gone.filter((l) => l.size === size).reduce((total, l) => total + l.quantity, 0))];
    }),
  );
  const adjustments = adjustmentsWithin(allAdjustments, tomorrow, query.days);
  const days = area.days ? dailyOutlook(adjustedDays(area.days, adjustments), ours, [...closures, ...earlyClosings], tomorrow, query.days) : [];
  return {
    view: {
      asOf: area.days ? (outlook?.asOf ?? null) : null,
      computedAt: area.days ? (outlook?.computedAt ?? null) : null,
      customers: area.customers,
      depots: (outlook?.depots ?? []).map((d) => ({ depotId: d.depotId, depotName: d.depotName })),
      days,
      totals: dailyTotals(days, fulls),
      adjustments,
    },
    areaName: depot?.name,
  };
}

/** `GET /api/predictions/daily`. */
export async function dailyOutlookOf(query: DailyOutlookQuery): Promise<DailyOutlookView> {
  return (await outlookAndArea(query)).view;
}

/** The same as CSV, and its first day for the file's name. */
export async function dailyOutlookCsvOf(query: DailyOutlookQuery, locale: CsvLocale): Promise<{ csv: string; from: string }> {
  const { view, areaName } = await outlookAndArea(query);
  return { csv: dailyOutlookCsv(view.asOf ?? '', areaName, view.days, view.totals, locale, view.adjustments), from: view.days[0]?.date ?? 'empty' };
}
