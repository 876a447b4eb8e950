import type { DemandPredictor } from '../predictions/port';
import { withFallback } from './predictor-fallback';

const local: DemandPredictor = {
  predict: async (rows) => ({
    predictions: rows.map(() => ({ p10: 14, p50: 21, p90: 30, safe: 12 })),
    model: { name: 'local-burn-rate', version: '2026-11-28' },
    source: 'local',
  }),
};

const remote = (predict: DemandPredictor['predict']): DemandPredictor => ({ predict });

describe('withFallback', () => {
  it('returns the primary answer untouched when it succeeds, without alerting', async () => {
    const onFallback = jest.fn();
    const primary = remote(async () => ({
      predictions: [{ p10: 20, p50: 30, p90: 41, safe: 18 }],
      model: { name: 'vertex-demand', version: '7' },
      source: 'vertex',
    }));
    const result = await withFallback(primary, local, { onFallback }).predict([{ customerType: 'household' }]);
    expect(result).toEqual({ predictions: [{ p10: 20, p50: 30, p90: 41, safe: 18 }], model: { name: 'vertex-demand', version: '7' }, source: 'vertex' });
    expect(onFallback).not.toHaveBeenCalled();
  });

  it('answers from the local model as local-fallback and reports the primary error', async () => {
    const onFallback = jest.fn();
    const failure = new Error('vertex down');
    const result = await withFallback(remote(() => Promise.reject(failure)), local, { onFallback }).predict([
      { customerType: 'restaurant' },
      { customerType: 'household' },
    ]);
    expect(result.source).toBe('local-fallback');
    expect(result.model).toEqual({ name: 'local-burn-rate', version: '2026-11-28' });
    expect(result.predictions).toHaveLength(2);
    expect(onFallback).toHaveBeenCalledWith(failure);
  });

  it('surfaces a failure of the local model itself', async () => {
    const broken: DemandPredictor = { predict: () => Promise.reject(new Error('no history')) };
    const wrapped = withFallback(remote(() => Promise.reject(new Error('vertex down'))), broken, { onFallback: jest.fn() });
    await expect(wrapped.predict([{}])).rejects.toThrow('no history');
  });
});
