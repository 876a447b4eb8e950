import type { Instance } from '../instance';
import type { SpanProfile } from '../schedule';
import { backwardPass, bestDeparture, forwardPass, holdsUrgent, serviceAt, spanProfile, urgencyCost } from '../schedule';

/** Tolerance kept on every time check so floating-point order never turns a route late. */
export const TIME_EPS = 1e-9;

/**
 * One vehicle's itinerary during the search, with cached earliest/latest start times per
 * position so insertions can be checked in O(1).
 */
const EMPTY = new Float64Array(0);

export class Route {
  nodes: number[];
  earliest = new Float64Array(2);
  latest = new Float64Array(2);
  /** Trip index of each extended position (a reload starts the next trip). */
  trip = new Int32Array(2);
  tripWeight: number[] = [0];
  tripSlots: number[] = [0];
  distance = 0;
  cost = 0;
  duration = 0;
  /**
   * Priced duration: the shortest the schedule allows, or from the shift start when the route
   * holds a priority stop (it leaves at once, see holdsUrgent); 0 when neither applies nor costs.
   */
  span = 0;
  /** Holds a priority stop (leaves at its shift start; insertion then prices the pushed tail). */
  urgent = false;
  /** Filled only when the vehicle's time costs something; empty otherwise. */
  profile: SpanProfile = { busy: EMPTY, closeBefore: EMPTY, closeFrom: EMPTY, waitFrom: EMPTY };
  feasible = true;

  constructor(
    readonly inst: Instance,
    readonly vehicle: number,
    nodes: number[] = [],
  ) {
    this.nodes = nodes;
    this.update();
  }

  clone(): Route {
    const r = Object.create(Route.prototype) as Route;
    Object.assign(r, this);
    r.nodes = this.nodes.slice();
    r.earliest = this.earliest.slice();
    r.latest = this.latest.slice();
    r.trip = this.trip.slice();
    r.tripWeight = this.tripWeight.slice();
    r.tripSlots = this.tripSlots.slice();
    const p = this.profile;
    r.profile = { busy: p.busy.slice(), closeBefore: p.closeBefore.slice(), closeFrom: p.closeFrom.slice(), waitFrom: p.waitFrom.slice() };
    return r;
  }

  get tripCount(): number {
    return this.tripWeight.length;
  }

  get isEmpty(): boolean {
    return this.nodes.length === 0;
  }

  /**
   * Drops reloads that bound an empty trip (left behind when stops are removed) and points every
   * reload at this vehicle's depot (moves between routes can bring another depot's reload).
   */
  normalize(): void {
    const D = this.inst.depotCount;
    const home = this.inst.vStart[this.vehicle]!;
    const out: number[] = [];
    for (const x of this.nodes) {
      if (x < D && (out.length === 0 || out[out.length - 1]! < D)) continue;
      out.push(x < D ? home : x);
    }
    while (out.length > 0 && out[out.length - 1]! < D) out.pop();
    this.nodes = out;
  }

  update(): void {
    const inst = this.inst;
    const v = this.vehicle;
    const len = this.nodes.length;
    if (this.earliest.length < len + 2) {
      const cap = Math.max(len + 2, this.earliest.length * 2);
      this.earliest = new Float64Array(cap);
      this.latest = new Float64Array(cap);
      this.trip = new Int32Array(cap);
    }
    const fwd = forwardPass(inst, v, this.nodes, inst.shiftStart[v]!, this.earliest);
    backwardPass(inst, v, this.nodes, this.latest);
    this.tripWeight = [0];
    this.tripSlots = [0];
    let t = 0;
    this.trip[0] = 0;
    for (let i = 1; i <= len; i++) {
      const x = this.nodes[i - 1]!;
      if (x < inst.depotCount) {
        t++;
        this.tripWeight.push(0);
        this.tripSlots.push(0);
      } else {
        this.tripWeight[t]! += inst.weight[x]!;
        this.tripSlots[t]! += inst.slots[x]!;
      }
      this.trip[i] = t;
    }
    this.trip[len + 1] = t;
    this.distance = fwd.distance;
    const perMinute = inst.costPerMinute[v]!;
    this.urgent = holdsUrgent(inst, this.nodes);
    this.span = 0;
    if (perMinute > 0) {
      if (this.profile.busy.length < len + 3) {
        const cap = Math.max(len + 3, this.profile.busy.length * 2);
        this.profile = { busy: new Float64Array(cap), closeBefore: new Float64Array(cap), closeFrom: new Float64Array(cap), waitFrom: new Float64Array(cap) };
      }
      this.span = spanProfile(inst, v, this.nodes, this.earliest, this.profile);
    }
    const urgency = this.urgent ? urgencyCost(inst, v, this.nodes, this.earliest) : 0;
    if (this.urgent) this.span = fwd.end - inst.shiftStart[v]!;
    this.cost = len === 0 ? 0 : fwd.distance * inst.costPerKm[v]! + perMinute * this.span + inst.fixedCost[v]! + urgency;
    let ok = fwd.lateness === 0 && this.tripWeight.length <= inst.maxTrips[v]!;
    for (let i = 0; i < len && ok; i++) {
      const need = inst.skillMask[this.nodes[i]!]!;
      if ((inst.vSkills[v]! & need) !== need) ok = false;
    }
    for (let k = 0; k < this.tripWeight.length; k++) {
      if (this.tripWeight[k]! > inst.capWeight[v]! || this.tripSlots[k]! > inst.capSlots[v]!) ok = false;
    }
    this.duration = fwd.end - inst.shiftStart[v]!;
    if (this.urgent && this.duration > inst.maxDuration[v]!) ok = false;
    if (ok && inst.maxDuration[v]! < Infinity && len > 0 && !this.urgent) {
      const dep = bestDeparture(inst, v, this.latest[0]!, true);
      const scratch = new Float64Array(len + 2);
      this.duration = forwardPass(inst, v, this.nodes, dep, scratch).end - dep;
      if (this.duration > inst.maxDuration[v]!) ok = false;
    }
    this.feasible = ok;
  }

  serviceAt(i: number, node: number): number {
    return serviceAt(this.inst, this.vehicle, node, i);
  }
}
