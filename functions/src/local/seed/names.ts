/** zh-TW names for people and businesses, weighted like Taiwan's real surname distribution. */
import type { Rng } from './prng';

const SURNAMES = ['陳', '林', '黃', '張', '李', '王', '吳', '劉', '蔡', '楊', '許', '鄭', '謝', '洪', '郭', '邱', '曾', '廖', '賴', '徐', '周', '葉', '蘇', '莊', '呂', '江', '何', '蕭', '羅', '高'] as const;
/** Approximate shares (%) from the household registration statistics. */
const SURNAME_WEIGHTS = [11.1, 8.3, 6.0, 5.3, 5.1, 4.1, 4.0, 3.2, 2.9, 2.6, 2.4, 1.9, 1.8, 1.6, 1.6, 1.5, 1.5, 1.4, 1.3, 1.3, 1.2, 1.2, 1.1, 1.0, 1.0, 1.0, 1.0, 0.9, 0.9, 0.8];

const GIVEN_FEMALE = ['淑芬', '淑惠', '美玲', '雅婷', '怡君', '麗華', '秀英', '玉蘭', '佩君', '欣怡', '宜蓁', '惠如', '家瑜', '佳穎', '美惠', '素貞', '月娥', '秋菊', '詩涵', '靜宜'];
const GIVEN_MALE = ['志明', '俊傑', '建宏', '家豪', '文雄', '國華', '冠宇', '承翰', '宗翰', '信宏', '明哲', '志偉', '正雄', '金龍', '振興', '耀宗', '柏翰', '建志', '文彬', '世昌'];

export function personName(rng: Rng): string {
  const given = rng.chance(0.5) ? rng.pick(GIVEN_FEMALE) : rng.pick(GIVEN_MALE);
  return rng.weighted(SURNAMES, SURNAME_WEIGHTS) + given;
}

const SHOP_WORDS = ['好味', '老張', '阿明', '鴻福', '日日鮮', '福記', '大碗', '金華', '順興', '永豐', '阿嬤', '正宗', '美味', '一品', '新月', '來來', '上好', '興隆', '合興', '寶島'];

/** Restaurant kinds; `winterBoost` marks places whose gas use swings most with the cold. */
export const RESTAURANT_KINDS = [
  { suffix: '小吃店', winterBoost: false },
  { suffix: '麵館', winterBoost: false },
  { suffix: '牛肉麵', winterBoost: false },
  { suffix: '餐廳', winterBoost: false },
  { suffix: '自助餐', winterBoost: false },
  { suffix: '火鍋店', winterBoost: true },
  { suffix: '薑母鴨', winterBoost: true },
  { suffix: '熱炒', winterBoost: false },
  { suffix: '早餐店', winterBoost: false },
  { suffix: '羊肉爐', winterBoost: true },
] as const;

const COMMERCIAL_KINDS = ['洗衣店', '烘焙坊', '旅社', '美髮院', '商行', '豆花店', '宮', '幼兒園', '便當店', '茶飲店'] as const;
const INDUSTRIAL_KINDS = ['鐵工廠', '食品廠', '工業股份有限公司', '金屬加工廠', '印刷廠', '實業有限公司'] as const;

function shopPrefix(rng: Rng, surname: string): string {
  return rng.chance(0.35) ? `${surname}記` : rng.pick(SHOP_WORDS);
}

export function restaurantName(rng: Rng): { name: string; contact: string; winterBoost: boolean } {
  const contact = personName(rng);
  const kind = rng.pick(RESTAURANT_KINDS);
  return { name: shopPrefix(rng, contact.slice(0, 1)) + kind.suffix, contact, winterBoost: kind.winterBoost };
}

export function commercialName(rng: Rng): { name: string; contact: string } {
  const contact = personName(rng);
  const kind = rng.pick(COMMERCIAL_KINDS);
  const prefix = kind === '宮' ? rng.pick(['福德', '慈惠', '鎮安', '天后']) : shopPrefix(rng, contact.slice(0, 1));
  return { name: prefix + kind, contact };
}

export function industrialName(rng: Rng): { name: string; contact: string } {
  const contact = personName(rng);
  return { name: rng.pick(['大同', '永信', '新光', '聯發', '正隆', '台元', '金鼎', '宏昌']) + rng.pick(INDUSTRIAL_KINDS), contact };
}

/**
 * A failed stop's reason as a phone stores it: a code the driver picked (shown in each reader's language), or, when none
 * fitted, the words they typed.
 */
export const FAILURE_REASONS = ['no_one_home', 'no_one_home', 'address_not_found', 'access_blocked', '電話聯絡不上，客戶說改天再叫'] as const;
export const CANCEL_REASONS = ['客戶取消', '重複下單', '已向他家購買', '瓦斯尚未用完'] as const;

/** What customers phone in to complain about, by complaint category. */
export const COMPLAINT_NOTES = {
  late_delivery: '約好上午送達，下午才到',
  gas_quality: '新換的桶子火力不足',
  safety: '送來的桶子閥門有異味',
  driver_conduct: '司機態度不佳',
  billing: '收費與報價不符',
  other: '空桶沒有收回',
} as const;
