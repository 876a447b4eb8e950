import { HOURLY_COST_RANGE as API_RANGE } from '../../../../functions/src/domain/fleet/manage';
import { DEFAULT_DRIVER_HOURLY_COST as PLANNING_DEFAULT } from '../../../../functions/src/domain/routes/planning';
import { DEFAULT_DRIVER_HOURLY_COST, HOURLY_COST_RANGE } from './driver-cost';

describe("the driver form's hourly cost", () => {
  it('offers the range the API takes and names the default route planning uses', () => {
    expect(HOURLY_COST_RANGE).toEqual(API_RANGE);
    expect(DEFAULT_DRIVER_HOURLY_COST).toBe(PLANNING_DEFAULT);
  });
});
