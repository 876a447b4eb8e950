/**
 * A driver's hourly cost as the API takes it (functions/src/domain/fleet/manage.ts `HOURLY_COST_RANGE`) and what route
 * planning uses without one (functions/src/domain/routes/planning.ts `DEFAULT_DRIVER_HOURLY_COST`); pinned equal by
 * driver-cost.test.ts.
 */
export const HOURLY_COST_RANGE = { min: 100, max: 2_000 } as const;
export const DEFAULT_DRIVER_HOURLY_COST = 250;
