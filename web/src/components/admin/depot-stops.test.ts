import { STOPS_PER_TRUCK_RANGE as API_RANGE } from '../../../../functions/src/domain/fleet/manage';
import { DEFAULT_STOPS_PER_TRUCK as SUGGESTIONS_DEFAULT } from '../../../../functions/src/domain/predictions/suggestion-days';
import { DEFAULT_STOPS_PER_TRUCK, STOPS_PER_TRUCK_RANGE } from './depot-stops';

describe("the depot form's stops per truck", () => {
  it('offers the range the API takes and names the default the nightly suggestions use', () => {
    expect(STOPS_PER_TRUCK_RANGE).toEqual(API_RANGE);
    expect(DEFAULT_STOPS_PER_TRUCK).toBe(SUGGESTIONS_DEFAULT);
  });
});
