/**
 * A depot's stops per truck a day as the API takes them (functions/src/domain/fleet/manage.ts `STOPS_PER_TRUCK_RANGE`)
 * and what the nightly suggestions use without one (functions/src/domain/predictions/suggestion-days.ts
 * `DEFAULT_STOPS_PER_TRUCK`); pinned equal by depot-stops.test.ts.
 */
export const STOPS_PER_TRUCK_RANGE = { min: 1, max: 200 } as const;
export const DEFAULT_STOPS_PER_TRUCK = 20;
