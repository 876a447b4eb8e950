import { computed, shallowRef, watch, type Ref } from 'vue';
import type { CylinderDeadline } from '../../../functions/src/domain/cylinders/register/door';
import type { OnSiteLine, RouteOnSite, SizeAmount } from '../components/driver/door-deposit';
import { forgetOtherDays } from '../lib/day-cache';
import { api } from './useApi';

/** A registered cylinder at a stop to bring back for its periodic inspection (GET /api/driver/routes/:id/cylinders-to-collect). */
export interface CylinderToCollect {
  serial: string;
  size: number;
  nextInspectionDue: string;
  /** Past its deadline on the route's day; otherwise due before the next visit. */
  overdue: boolean;
}

interface Cached {
  customers: Record<string, OnSiteLine[]>;
  standard: SizeAmount[];
  toCollect: Record<string, CylinderToCollect[]>;
  /** The routes' depots' cylinders due by the route's day: not to be left at any door once past it. */
  dueAtDepot: CylinderDeadline[];
}

const EMPTY: Cached = { customers: {}, standard: [], toCollect: {}, dueAtDepot: [] };

function load(key: string): Cached {
  try {
    return { ...EMPTY, ...(JSON.parse(localStorage.getItem(key) ?? 'null') as Cached | null) };
  } catch {
    return EMPTY;
  }
}

/**
 * The cylinders on site (and deposit held) at the customers of the driver's routes, for the deposit due at each door,
 * and the registered ones there to bring back for their periodic inspection, with the deadlines of the cylinders that may
 * be loaded at the routes' depots past theirs, so the deliver dialog refuses one at the door without signal.
 * Drivers read no customers: the API answers for their own visible routes only. The last answer is kept in
 * localStorage under `cacheKey` (`<prefix>.<day>`) so a driver who loses signal later in the day still sees what is due; read again when
 * the routes change and on `reload` (after a stop, when the count it leaves has changed).
 */
export function useDriverOnSite(routeIds: Readonly<Ref<string[]>>, cacheKey: string) {
  const state = shallowRef<Cached>(load(cacheKey));

  async function reload() {
    const ids = routeIds.value;
    if (ids.length === 0) return;
    try {
      const path = (id: string, what: string) => `/api/driver/routes/${encodeURIComponent(id)}/${what}`;
      const [answers, collect] = await Promise.all([
        Promise.all(ids.map((id) => api.get<RouteOnSite>(path(id, 'cylinders-on-site')))),
        Promise.all(ids.map((id) => api.get<{ customers: { customerId: string; cylinders: CylinderToCollect[] }[]; dueAtDepot: CylinderDeadline[] }>(path(id, 'cylinders-to-collect')))),
      ]);
      const next: Cached = {
        customers: Object.fromEntries(answers.flatMap((a) => a.customers.map((c) => [c.customerId, c.cylindersOnSite]))),
        standard: answers[0]?.standard ?? [],
        toCollect: Object.fromEntries(collect.flatMap((a) => a.customers.map((c) => [c.customerId, c.cylinders]))),
        dueAtDepot: collect.flatMap((a) => a.dueAtDepot),
      };
      state.value = next;
      localStorage.setItem(cacheKey, JSON.stringify(next));
      forgetOtherDays(localStorage, cacheKey);
    } catch {
      // Offline or refused: the last answer stands (a customer missing from it shows no deposit due).
    }
  }

  watch(() => routeIds.value.join(','), () => void reload(), { immediate: true });

  return {
    /** A customer's lines, or undefined when not known (then nothing is shown as due). */
    onSiteOf: (customerId: string): OnSiteLine[] | undefined => state.value.customers[customerId],
    standard: computed(() => state.value.standard),
    /** The register's cylinders at a customer to bring back for inspection (容器管理), none when not known. */
    toCollectAt: (customerId: string): CylinderToCollect[] => state.value.toCollect[customerId] ?? [],
    /** Every deadline the phone knows (the depots' and the stops' cylinders), for the door's 檢驗期限 check. */
    deadlines: computed((): CylinderDeadline[] => [...state.value.dueAtDepot, ...Object.values(state.value.toCollect).flat()]),
    reload,
  };
}
