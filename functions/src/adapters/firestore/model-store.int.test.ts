import type { Firestore } from '@google-cloud/firestore';
import { generateLpgHistory } from '../../forecasting/test-support/synthetic-lpg';
import { LPG_MODEL } from '../../forecasting/lpg/model';
import { decisionAtCommit, trainAndDecide, type Decision } from '../../functions/use-cases/forecast-model';
import { firestoreEmulatorHost, testConfig } from '../../local/test-support';
import { createFirestore } from './client';
import { firestoreModelStore, type StoredModel } from './model-store';

firestoreEmulatorHost();
const world = generateLpgHistory({ customers: 10, seed: 5, start: '2025-01-01', days: 365 });
const trained = trainAndDecide(world.history, { through: world.end, holdoutDays: 42, settings: {}, incumbent: null });
const now = new Date('2026-11-29T18:00:00Z');

const version = (v: string): Omit<StoredModel, 'status' | 'decision'> => ({
  version: v,
  name: LPG_MODEL.name,
  codeVersion: LPG_MODEL.version,
  settings: {},
  params: trained.params,
  metrics: trained.metrics,
  activeMetrics: null,
  window: trained.window,
  trainedAt: now.toISOString(),
});
/** A run's decision to activate, made against `against` (null: no active version then), as trainModels passes it. */
const activateAgainst = (against: string | null) => (activeNow: string | null) =>
  decisionAtCommit({ ...trained.decision, reason: against === null ? 'NO_ACTIVE_MODEL' : 'NOT_WORSE', activeVersion: against }, activeNow);

let dbs: Firestore[] = [];
const freshRegistry = () => {
  const db = createFirestore(testConfig());
  dbs.push(db);
  return { db, models: firestoreModelStore(db) };
};
afterAll(async () => {
  await Promise.all(dbs.map((db) => db.terminate()));
  dbs = [];
});

const statuses = async (db: Firestore) => Object.fromEntries((await db.collection('models').get()).docs.map((d) => [d.id, d.get('status') as string]));

describe('model registry on the Firestore emulator', () => {
  it('activates a version decided against the one active at commit, retiring it', async () => {
    const { db, models } = freshRegistry();
    expect(await models.add(version('v1'), activateAgainst(null), now)).toMatchObject({ status: 'active', decision: { reason: 'NO_ACTIVE_MODEL' } });
    expect(await models.add(version('v2'), activateAgainst('v1'), now)).toMatchObject({ status: 'active', decision: { reason: 'NOT_WORSE' } });
    expect(await statuses(db)).toEqual({ v1: 'retired', v2: 'active' });
    expect((await models.get('v1'))?.supersededBy).toBe('v2');
  });

  it('keeps as candidate a version decided against one that another run retired meanwhile, leaving that run’s version active', async () => {
    const { db, models } = freshRegistry();
    await models.add(version('v1'), activateAgainst(null), now);
    // Two overlapping runs both compared against v1; the second to commit finds v2 serving.
    await models.add(version('v2'), activateAgainst('v1'), now);
    const late = await models.add(version('v3'), activateAgainst('v1'), now);
    expect(late).toMatchObject({ status: 'candidate', decision: { activate: false, reason: 'ACTIVE_CHANGED', activeVersion: 'v1', activeAtCommit: 'v2' } });
    expect(await statuses(db)).toEqual({ v1: 'retired', v2: 'active', v3: 'candidate' });
    expect((await models.get('v3'))?.decision).toEqual(late.decision);
    expect((await models.active())?.version).toBe('v2');
  });

  it('activates exactly one of two runs committing at once against the same version', async () => {
    const { db, models } = freshRegistry();
    await models.add(version('v1'), activateAgainst(null), now);
    const stored = await Promise.all([models.add(version('v2'), activateAgainst('v1'), now), models.add(version('v3'), activateAgainst('v1'), now)]);
    expect(stored.map((m) => m.status).sort()).toEqual(['active', 'candidate']);
    const winner = stored.find((m) => m.status === 'active')?.version;
    expect(stored.find((m) => m.status === 'candidate')?.decision).toMatchObject({ reason: 'ACTIVE_CHANGED', activeAtCommit: winner });
    expect(Object.values(await statuses(db)).sort()).toEqual(['active', 'candidate', 'retired']);
  });

  it('keeps as candidate a first version when another run activated one meanwhile', async () => {
    const { db, models } = freshRegistry();
    await models.add(version('v1'), activateAgainst(null), now);
    expect(await models.add(version('v2'), activateAgainst(null), now)).toMatchObject({ status: 'candidate', decision: { reason: 'ACTIVE_CHANGED', activeAtCommit: 'v1' } });
    expect(await statuses(db)).toEqual({ v1: 'active', v2: 'candidate' });
  });

  it('stores a version decided worse as candidate whatever is active', async () => {
    const { db, models } = freshRegistry();
    await models.add(version('v1'), activateAgainst(null), now);
    const worse: Decision = { ...trained.decision, activate: false, reason: 'WORSE', activeVersion: 'v1' };
    expect(await models.add(version('v2'), () => worse, now)).toMatchObject({ status: 'candidate', decision: worse });
    expect(await statuses(db)).toEqual({ v1: 'active', v2: 'candidate' });
  });
});
