import { withFullAddress } from './address';
import { districtCentre, DISTRICT_CENTRES } from './district-centres';
import { addressMovesLocation, lessPrecise, locatingAddress } from './geocoding';

const home = { city: '新北市', district: '中和區', road: '中山路', section: 2, lane: '35', number: '12', floor: '4' };

describe('geocoding rules', () => {
  it('lowers a partial match one step, never below the district', () => {
    expect(lessPrecise('address')).toBe('street');
    expect(lessPrecise('street')).toBe('district');
    expect(lessPrecise('district')).toBe('district');
  });

  it('locates the building: the floor is not part of where it is', () => {
    expect(locatingAddress(home)).toBe('新北市中和區中山路二段35巷12號');
    expect(addressMovesLocation(home, { ...home, floor: 'B1' })).toBe(false);
    expect(addressMovesLocation(withFullAddress(home), { ...home })).toBe(false);
    expect(addressMovesLocation(home, { ...home, number: '14' })).toBe(true);
    expect(addressMovesLocation(home, { ...home, lane: undefined })).toBe(true);
  });

  it('finds a district centre by name, 臺 or 台', () => {
    expect(districtCentre('臺北市', '中正區')).toEqual(DISTRICT_CENTRES.台北市.中正區);
    expect(districtCentre('新北市', ' 烏來區 ')).toEqual(DISTRICT_CENTRES.新北市.烏來區);
    expect(districtCentre('台北市', '板橋區')).toBeUndefined();
    expect(districtCentre('桃園市', '中壢區')).toBeUndefined();
  });
});
