/** Public surface of the route solver. */
export { checkSolution, evaluateRoute } from './evaluate';
export type { RouteEvaluation } from './evaluate';
export { cheapestInsertion } from './insert';
export type { CheapestInsertion } from './insert';
export { DEFAULT_CYLINDERS, InvalidProblemError } from './instance';
export * from './model';
export { DEFAULT_PARAMS } from './params';
export type { SolverParams } from './params';
export { DEFAULT_SERVICE_RATES, serviceTimeMinutes } from './service-time';
export type { ServiceTimeRates } from './service-time';
export { solve } from './solve';
export { DEFAULT_HAVERSINE, DenseTravelMatrix, euclideanMatrix, haversineKm, haversineMatrix } from './travel-matrix';
export type { HaversineOptions, LatLng, Point, TravelMatrix } from './travel-matrix';
