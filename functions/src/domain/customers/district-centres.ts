import type { LatLng } from '../schema';
import { normalisePlaceName } from './place-name';

/**
 * A point for every district (區) of 台北市 and 新北市: what the gazetteer geocoder answers when it
 * knows only the district, and the centre of the demo seed's customer area in the districts it
 * populates. For those 21 districts the point is the one the seed has always used (well inside the
 * district); for the rest it is the 區公所 (district office), to about 0.01°.
 */
export const DISTRICT_CENTRES = {
  台北市: {
    中正區: { lat: 25.0324, lng: 121.5187 },
    大同區: { lat: 25.0633, lng: 121.5136 },
    中山區: { lat: 25.064, lng: 121.533 },
    松山區: { lat: 25.054, lng: 121.56 },
    大安區: { lat: 25.03, lng: 121.54 },
    萬華區: { lat: 25.028, lng: 121.502 },
    信義區: { lat: 25.033, lng: 121.57 },
    士林區: { lat: 25.093, lng: 121.525 },
    北投區: { lat: 25.131, lng: 121.5 },
    內湖區: { lat: 25.08, lng: 121.588 },
    文山區: { lat: 24.998, lng: 121.556 },
    南港區: { lat: 25.053, lng: 121.607 },
  },
  新北市: {
    板橋區: { lat: 25.012, lng: 121.463 },
    中和區: { lat: 24.999, lng: 121.496 },
    永和區: { lat: 25.0085, lng: 121.515 },
    新莊區: { lat: 25.036, lng: 121.45 },
    三重區: { lat: 25.063, lng: 121.487 },
    蘆洲區: { lat: 25.085, lng: 121.472 },
    新店區: { lat: 24.976, lng: 121.539 },
    土城區: { lat: 24.977, lng: 121.445 },
    汐止區: { lat: 25.065, lng: 121.648 },
    樹林區: { lat: 24.991, lng: 121.421 },
    鶯歌區: { lat: 24.955, lng: 121.354 },
    三峽區: { lat: 24.934, lng: 121.369 },
    淡水區: { lat: 25.17, lng: 121.441 },
    瑞芳區: { lat: 25.109, lng: 121.81 },
    五股區: { lat: 25.083, lng: 121.438 },
    泰山區: { lat: 25.059, lng: 121.431 },
    林口區: { lat: 25.078, lng: 121.392 },
    深坑區: { lat: 25.002, lng: 121.616 },
    石碇區: { lat: 24.991, lng: 121.659 },
    坪林區: { lat: 24.937, lng: 121.711 },
    三芝區: { lat: 25.258, lng: 121.501 },
    石門區: { lat: 25.29, lng: 121.568 },
    八里區: { lat: 25.147, lng: 121.399 },
    平溪區: { lat: 25.026, lng: 121.739 },
    雙溪區: { lat: 25.033, lng: 121.866 },
    貢寮區: { lat: 25.022, lng: 121.908 },
    金山區: { lat: 25.222, lng: 121.637 },
    萬里區: { lat: 25.179, lng: 121.689 },
    烏來區: { lat: 24.865, lng: 121.55 },
  },
} as const satisfies Record<string, Record<string, LatLng>>;

type Centres = Record<string, Record<string, LatLng> | undefined>;

/** The district's point, 臺 / 台 either way; undefined for a district this table does not know. */
export function districtCentre(city: string, district: string): LatLng | undefined {
  return (DISTRICT_CENTRES as Centres)[normalisePlaceName(city)]?.[normalisePlaceName(district)];
}
