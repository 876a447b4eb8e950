import type { Instance } from '../instance';

/** For each stop node, the k nearest other stops (symmetrised distance), nearest first. */
export function nearestNeighbours(inst: Instance, k: number): Int32Array[] {
  const D = inst.depotCount;
  const n = inst.nodeCount;
  const size = Math.min(k, inst.stopCount - 1);
  const lists: Int32Array[] = new Array<Int32Array>(n);
  const keys = new Float64Array(size);
  for (let u = 0; u < n; u++) {
    const list = new Int32Array(Math.max(0, size));
    lists[u] = list;
    if (u < D || size <= 0) continue;
    let count = 0;
    for (let v = D; v < n; v++) {
      if (v === u) continue;
      const key = inst.dist[u * n + v]! + inst.dist[v * n + u]!;
      if (count === size && key >= keys[size - 1]!) continue;
      let i = count < size ? count++ : size - 1;
      while (i > 0 && keys[i - 1]! > key) {
        keys[i] = keys[i - 1]!;
        list[i] = list[i - 1]!;
        i--;
      }
      keys[i] = key;
      list[i] = v;
    }
  }
  return lists;
}
