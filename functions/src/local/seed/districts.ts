/**
 * Real districts of 台北市 and 新北市 with real roads. Each district's demo area is a circle around its
 * point in `DISTRICT_CENTRES` (shared with the gazetteer geocoder, well inside the district), small
 * enough to stay inside the district's boundary; customers are placed uniformly in that circle.
 * `sections` lists the 段 a road really has within the district (none when the road has no sections).
 */
import { DISTRICT_CENTRES } from '../../domain/customers';
import type { LatLng } from '../../domain/schema';

export interface Road {
  readonly name: string;
  readonly sections: readonly number[];
}

export interface District {
  readonly city: '台北市' | '新北市';
  readonly name: string;
  readonly center: LatLng;
  readonly radiusKm: number;
  readonly roads: readonly Road[];
  /** Relative share of customers; industrial customers only go where `industrial` is set. */
  readonly weight: number;
  readonly industrial?: boolean;
}

/** `'重慶南路:1,2,3'` → a road with sections; `'金華街'` → without. */
const roads = (...specs: string[]): Road[] =>
  specs.map((spec) => {
    const [name = spec, sections = ''] = spec.split(':');
    return { name, sections: sections ? sections.split(',').map(Number) : [] };
  });

export const DISTRICTS: readonly District[] = [
  { city: '台北市', name: '中正區', center: DISTRICT_CENTRES.台北市.中正區, radiusKm: 0.8, weight: 3,
    roads: roads('重慶南路:1,2,3', '羅斯福路:1,2', '南昌路:1,2', '汀州路:1,2,3', '延平南路', '杭州南路:1,2', '金華街', '牯嶺街') },
  { city: '台北市', name: '大同區', center: DISTRICT_CENTRES.台北市.大同區, radiusKm: 0.7, weight: 4,
    roads: roads('延平北路:1,2,3', '迪化街:1', '民生西路', '承德路:1,2,3', '重慶北路:1,2,3', '南京西路', '寧夏路', '太原路') },
  { city: '台北市', name: '中山區', center: DISTRICT_CENTRES.台北市.中山區, radiusKm: 0.8, weight: 4,
    roads: roads('中山北路:1,2', '林森北路', '民生東路:1,2', '松江路', '長安東路:1,2', '南京東路:1,2,3', '吉林路', '錦州街') },
  { city: '台北市', name: '松山區', center: DISTRICT_CENTRES.台北市.松山區, radiusKm: 0.7, weight: 3,
    roads: roads('八德路:3,4', '南京東路:4,5', '民生東路:4,5', '敦化北路', '光復北路', '饒河街', '健康路', '延壽街') },
  { city: '台北市', name: '大安區', center: DISTRICT_CENTRES.台北市.大安區, radiusKm: 0.8, weight: 4,
    roads: roads('復興南路:1,2', '和平東路:1,2,3', '信義路:3,4', '敦化南路:1,2', '新生南路:1,2,3', '忠孝東路:3,4', '師大路', '通化街') },
  { city: '台北市', name: '萬華區', center: DISTRICT_CENTRES.台北市.萬華區, radiusKm: 0.5, weight: 4,
    roads: roads('西園路:1,2', '康定路', '和平西路:2,3', '西藏路', '萬大路', '環河南路:2,3', '艋舺大道', '華西街') },
  { city: '台北市', name: '信義區', center: DISTRICT_CENTRES.台北市.信義區, radiusKm: 0.8, weight: 3,
    roads: roads('松仁路', '基隆路:1,2', '莊敬路', '松山路', '吳興街', '虎林街', '永吉路', '忠孝東路:5') },
  { city: '台北市', name: '士林區', center: DISTRICT_CENTRES.台北市.士林區, radiusKm: 0.8, weight: 3,
    roads: roads('中正路', '文林路', '承德路:4', '大南路', '大東路', '基河路', '大北路', '小北街') },
  { city: '台北市', name: '北投區', center: DISTRICT_CENTRES.台北市.北投區, radiusKm: 0.8, weight: 3,
    roads: roads('中央北路:1,2', '大業路', '光明路', '中和街', '公館路', '北投路:2', '清江路', '新市街') },
  { city: '台北市', name: '內湖區', center: DISTRICT_CENTRES.台北市.內湖區, radiusKm: 0.8, weight: 3, industrial: true,
    roads: roads('成功路:2,3,4', '內湖路:1,2', '康寧路:3', '江南街', '民權東路:6', '金湖路', '安康路', '港墘路') },
  { city: '台北市', name: '文山區', center: DISTRICT_CENTRES.台北市.文山區, radiusKm: 0.8, weight: 3,
    roads: roads('興隆路:1,2,3', '景興路', '羅斯福路:5,6', '景文街', '木柵路:1', '萬芳路', '秀明路:1', '景後街') },
  { city: '台北市', name: '南港區', center: DISTRICT_CENTRES.台北市.南港區, radiusKm: 0.6, weight: 2, industrial: true,
    roads: roads('南港路:1,2,3', '忠孝東路:6,7', '研究院路:1', '向陽路', '重陽路', '昆陽街', '興華路') },
  { city: '新北市', name: '板橋區', center: DISTRICT_CENTRES.新北市.板橋區, radiusKm: 1.0, weight: 6,
    roads: roads('文化路:1,2', '中山路:1,2', '民生路:1,2,3', '縣民大道:2', '四川路:1,2', '漢生東路', '館前東路', '府中路') },
  { city: '新北市', name: '中和區', center: DISTRICT_CENTRES.新北市.中和區, radiusKm: 0.9, weight: 6, industrial: true,
    roads: roads('中和路', '景平路', '中山路:2,3', '連城路', '永和路', '興南路:1,2', '員山路', '景安路') },
  { city: '新北市', name: '永和區', center: DISTRICT_CENTRES.新北市.永和區, radiusKm: 0.6, weight: 5,
    roads: roads('中正路', '永和路:1,2', '竹林路', '保福路:1,2', '福和路', '得和路', '仁愛路', '秀朗路:1,2') },
  { city: '新北市', name: '新莊區', center: DISTRICT_CENTRES.新北市.新莊區, radiusKm: 0.9, weight: 5, industrial: true,
    roads: roads('中正路', '中華路:1,2', '新泰路', '幸福路', '思源路', '建國一路', '龍安路', '化成路') },
  { city: '新北市', name: '三重區', center: DISTRICT_CENTRES.新北市.三重區, radiusKm: 0.9, weight: 6, industrial: true,
    roads: roads('重新路:1,2,3,4,5', '正義北路', '三和路:1,2,3,4', '中正北路', '忠孝路:1,2,3', '光復路:1,2', '自強路:1,2,3', '河邊北街') },
  { city: '新北市', name: '蘆洲區', center: DISTRICT_CENTRES.新北市.蘆洲區, radiusKm: 0.7, weight: 4,
    roads: roads('中正路', '長安街', '三民路', '中山一路', '民族路', '集賢路', '長榮路', '光華路') },
  { city: '新北市', name: '新店區', center: DISTRICT_CENTRES.新北市.新店區, radiusKm: 0.7, weight: 4,
    roads: roads('北新路:1,2,3', '中正路', '民權路', '寶橋路', '中興路:1,2,3', '三民路', '光明街', '安民街') },
  { city: '新北市', name: '土城區', center: DISTRICT_CENTRES.新北市.土城區, radiusKm: 0.8, weight: 4, industrial: true,
    roads: roads('中央路:1,2,3', '金城路:1,2,3', '學府路:1,2', '裕民路', '青雲路', '明德路:1,2', '延吉街', '清水路') },
  { city: '新北市', name: '汐止區', center: DISTRICT_CENTRES.新北市.汐止區, radiusKm: 0.8, weight: 3, industrial: true,
    roads: roads('大同路:1,2,3', '新台五路:1', '中興路', '康寧街', '福德一路', '仁愛路', '忠孝東路', '中正路') },
];

const KM_PER_DEG_LAT = 110.574;
const kmPerDegLng = (lat: number): number => 111.32 * Math.cos((lat * Math.PI) / 180);

/** Distance in km between two points close together (equirectangular, exact enough within a city). */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dy = (a.lat - b.lat) * KM_PER_DEG_LAT;
  const dx = (a.lng - b.lng) * kmPerDegLng((a.lat + b.lat) / 2);
  return Math.hypot(dx, dy);
}

/** A point uniform in the disc (`u`, `v` uniform in [0, 1)), rounded to ~1 m like a geocoder's answer. */
export function pointInDistrict(d: District, u: number, v: number): LatLng {
  // 0.98 keeps rounding from pushing a point just past the edge.
  const r = 0.98 * d.radiusKm * Math.sqrt(u);
  const theta = 2 * Math.PI * v;
  const round = (x: number): number => Math.round(x * 1e5) / 1e5;
  return {
    lat: round(d.center.lat + (r * Math.sin(theta)) / KM_PER_DEG_LAT),
    lng: round(d.center.lng + (r * Math.cos(theta)) / kmPerDegLng(d.center.lat)),
  };
}

export function isInDistrict(d: District, p: LatLng): boolean {
  return distanceKm(d.center, p) <= d.radiusKm;
}

export function districtByName(name: string): District {
  const d = DISTRICTS.find((x) => x.name === name);
  if (!d) throw new Error(`Unknown demo district ${name}`);
  return d;
}
