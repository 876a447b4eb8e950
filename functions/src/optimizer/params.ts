/** Every tunable of the solver, with its default, in one place. */
export interface SolverParams {
  /** Mean number of stops removed per ruin (SISR c̄). */
  avgRemoved: number;
  /** Longest string removed from one route (SISR L_max). */
  maxStringLength: number;
  /** Probability of the split-string removal (SISR α). */
  splitRate: number;
  /** Controls how much of a route a split string spans (SISR β). */
  splitDepth: number;
  /** Probability of skipping an insertion position (SISR blinks). */
  blinkRate: number;
  /** Annealing temperatures as multiples of the mean edge cost of the first solution. */
  startTemperature: number;
  endTemperature: number;
  /** Neighbours kept per stop for ruin seeds and local search. */
  neighbours: number;
  /** Unassigned stops retried per iteration (all of them when fewer). */
  maxRetriedUnassigned: number;
  /** Above this many stops, re-insertion tries the routes of the stop's neighbours first. */
  insertionNeighbourhoodFrom: number;
  /** Solutions within this fraction of the best feed their routes to the set-partitioning pool. */
  poolGap: number;
  poolMaxColumns: number;
  /** Share of the time budget reserved for the final set-partitioning solve, and its cap. */
  setPartitioningShare: number;
  setPartitioningMaxMs: number;
  /** Larger instances skip set partitioning: glpk cannot close such models in useful time. */
  setPartitioningMaxStops: number;
  /** Set-partitioning solves during the search (its result becomes the current solution). */
  midRunPartitions: number;
  /** Run local search on every new best solution. */
  localSearchOnBest: boolean;
  /** Most of the elapsed time that local search on new bests may take. */
  localSearchShare: number;
  progressIntervalMs: number;
  /**
   * The search ends early once the best has not improved for stallMinMs, for stallShare of the
   * time so far and for stallIterationsPerStop × stops iterations (runs without an iteration
   * budget); the time limit stays the upper bound. The iteration floor keeps large instances,
   * whose annealing still improves every few seconds, running.
   */
  stallMinMs: number;
  stallShare: number;
  stallIterationsPerStop: number;
}

export const DEFAULT_PARAMS: SolverParams = {
  avgRemoved: 10,
  maxStringLength: 10,
  splitRate: 0.5,
  splitDepth: 0.01,
  blinkRate: 0.01,
  startTemperature: 3,
  endTemperature: 0.03,
  neighbours: 40,
  maxRetriedUnassigned: 30,
  insertionNeighbourhoodFrom: 200,
  poolGap: 0.03,
  poolMaxColumns: 20000,
  setPartitioningShare: 0.1,
  setPartitioningMaxMs: 3000,
  midRunPartitions: 1,
  setPartitioningMaxStops: 400,
  localSearchOnBest: true,
  localSearchShare: 0.2,
  progressIntervalMs: 1000,
  stallMinMs: 3000,
  stallShare: 0.2,
  stallIterationsPerStop: 1000,
};
