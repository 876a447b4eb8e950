/**
 * Shapes the SPA reads, as agreed in the API & data contract. The zod schemas in
 * functions/src/domain are the source of truth; these mirror only the fields the screens use.
 */
import type { AppLocale } from './format';
import type { TravelTimes } from './optimization-job';
import type { SafetyCertificate, SafetySummary, SupplyStop } from '../composables/useSafety';
import type { UpcomingPrice } from '../components/portal/price-notice';

export type Role = 'admin' | 'office' | 'driver' | 'customer' | 'turnkey';
/** Roles with screens here: a `turnkey` account is the Turnkey machine's (`npm run turnkey:sync`) and has none. */
export type SpaRole = Exclude<Role, 'turnkey'>;

/** An account as login and the admin's list describe it. */
export interface Account {
  uid: string;
  username: string;
  displayName: string;
  role: Role;
  driverId?: string;
  customerId?: string;
}

/** The signed-in person: an account with screens in the SPA. */
export interface SessionUser extends Account {
  role: SpaRole;
}

export interface LoginResponse {
  /** Only from the local dev issuer; in production the API bearer is the Firebase ID token of the session. */
  token?: string;
  expiresAt: string;
  /** Firebase Auth custom token for the Firestore listeners (see modules/firebase.ts). */
  firebaseToken?: string;
  user: Account;
}

export const CYLINDER_SIZES = [4, 10, 16, 20, 50] as const;

export const ORDER_STATUSES = ['pending', 'confirmed', 'scheduled', 'out_for_delivery', 'delivered', 'failed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Where an order's story ends; any other status is still open. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['delivered', 'failed', 'cancelled'];
export const isOpenOrder = (order: { status: OrderStatus }): boolean => !FINAL_ORDER_STATUSES.includes(order.status);

export type PaymentMethod = 'cash' | 'monthly' | 'transfer';
export const PAYMENT_METHODS: PaymentMethod[] = ['cash', 'monthly', 'transfer'];
export type Priority = 'normal' | 'urgent';

export interface TimeWindow {
  start: string;
  end: string;
}

export interface SizeQuantity {
  size: number;
  quantity: number;
}

export interface OrderItem extends SizeQuantity {
  unitPrice: number;
  subtotal: number;
}

export interface TimelineEntry {
  at: string;
  by: { uid: string; role: Role | 'system' };
  from: OrderStatus | null;
  to: OrderStatus;
  note?: string;
  reason?: string;
  /** A move to another day with its reason, the status kept. */
  rescheduled?: { from: string; to: string };
  /**
   * The closure (休息日) a move took the order off: its why in place of `reason`; `districts` when it held only there,
   * `closesAt` when the day only closed early (提早收工); `lifted` on the move back once it was called off there (恢復配送).
   */
  closure?: { name: string; from: string; to: string; districts?: string[]; closesAt?: string; lifted?: true };
}

/** What the driver recorded at the door. */
export interface DeliveryRecord {
  at: string;
  delivered: SizeQuantity[];
  emptiesCollected: SizeQuantity[];
  cashCollected: number;
  /** Collected cylinders the register did not know as in service (容器管理); the office got an alert. */
  unknownCollectedSerials?: string[];
  /** 補登: the first open day its charge is booked on, when its own day was in the closed books (關帳) as the phone synced. */
  bookedOn?: string;
}

/**
 * 配送追蹤 (`orderTracking/{orderId}`): an order out for delivery's share of its route, written by the server as the route
 * moves on, for the portal's card; the customer reads no route.
 */
export interface OrderTracking {
  id: string;
  orderId: string;
  customerId: string;
  routeId: string;
  /** The route's stops still open before this one. */
  stopsBefore: number;
  /** When the driver is now expected (ISO instant): the plan's time pushed back by the driver's lateness. */
  eta: string;
  /** The driver as customers call them (王師傅), per language; absent when the fleet no longer has the driver. */
  driverName?: Record<'zh-TW' | 'en', string>;
  /** Absent when the fleet has no phone for the driver: the card gives the depot's. */
  driverPhone?: string;
  updatedAt: string;
}

export interface Order {
  id: string;
  customerId: string;
  /** Copied from the customer when ordered: drivers read orders but not customers. */
  customerName: string;
  /** The customer's type when ordered (absent on older orders): the board tags and filters by it. */
  customerType?: CustomerType;
  district: string;
  address: string;
  /** How exactly the customer was located when ordered (absent on older orders): a stop near the door only is marked. */
  locationPrecision?: LocationPrecision;
  phone?: string;
  items: OrderItem[];
  /** The lines as ordered, when the driver delivered something else (`items` and `total` follow the delivery). */
  orderedItems?: OrderItem[];
  emptiesToCollect: SizeQuantity[];
  total: number;
  paymentMethod: PaymentMethod;
  requestedDate: string;
  timeWindow?: TimeWindow;
  priority: Priority;
  status: OrderStatus;
  /** Who placed it: `forecast` is a suggested order the nightly job made (domain/orders ORDER_SOURCES). */
  source: 'office' | 'portal' | 'recurring' | 'forecast';
  routeId?: string;
  driverId?: string;
  failureReason?: string;
  /** The driver's words beside a picked failure reason. */
  failureNote?: string;
  cancelReason?: string;
  /** Estimated arrival (ISO instant) once the order is on a published route, for the customer. */
  eta?: string;
  notes: string;
  /** Once delivered. */
  delivery?: DeliveryRecord;
  /** 緊急配送: staff put it on a closure day anyway (`closure` names it), saying why; a closure's move leaves it there. */
  closureOverride?: { reason: string; by: { uid: string; role: string }; at: string; closure: string };
  timeline: TimelineEntry[];
  createdAt: string;
  updatedAt: string;
  /** Counts the order's changes; a change sends the one its screen showed (absent on a record imported whole: 0). */
  version?: number;
}

/** One order's answer in 全部確認 (functions/src/domain/orders/confirm-many.ts): refused ones carry the API's code and words. */
export interface ConfirmResult {
  id: string;
  outcome: 'confirmed' | 'already_confirmed' | 'refused';
  code?: string;
  message?: string;
}

/** One order of a 延後 (POST /api/orders/reschedule), answered as 全部確認 answers. */
export interface RescheduleResult {
  id: string;
  outcome: 'moved' | 'already_moved' | 'refused';
  code?: string;
  message?: string;
}

/** Why the office moves orders to a later day, as the API's RESCHEDULE_REASONS codes; anything else is words typed. */
export const RESCHEDULE_REASONS = ['plant_shortage', 'vehicle_breakdown', 'weather', 'customer_request'] as const;
export type RescheduleReason = (typeof RESCHEDULE_REASONS)[number];

export interface NewOrder {
  customerId?: string;
  items: SizeQuantity[];
  emptiesToCollect?: SizeQuantity[];
  /** Absent: the customer's own payment terms (the portal sends none; a customer does not choose how to pay). */
  paymentMethod?: PaymentMethod;
  requestedDate: string;
  timeWindow?: TimeWindow;
  priority: Priority;
  notes?: string;
  /** Staff only, for a day a closure takes: delivered anyway (緊急配送), with the reason. */
  closureOverride?: { reason: string };
}

export interface Address {
  city: string;
  district: string;
  full: string;
}

export interface Customer {
  id: string;
  code: string;
  name: string;
  contactName?: string;
  phones: string[];
  address: Address;
  location?: { lat: number; lng: number };
  /** How exactly `location` is known (domain/customers/geocoding.ts); absent with a location means manual. */
  locationPrecision?: LocationPrecision;
  type: 'household' | 'restaurant' | 'commercial' | 'industrial';
  paymentTerms: PaymentMethod;
  status: 'active' | 'inactive';
  /** Weekdays the customer takes no deliveries, 0 = Sunday. */
  closedDays: number[];
  /** The cylinders standing at the customer (客戶端鋼瓶): what a delivery can take back as empties. */
  cylindersOnSite: CylindersOnSite[];
  /** Counts the record's writes; an edit sends the one its form showed (absent on a record stored whole: 0). */
  version?: number;
}

/** domain/customers/geocoding.ts `LOCATION_PRECISIONS`. */
export type LocationPrecision = 'manual' | 'address' | 'street' | 'district';

/** A customer's location and how it was found: a person's pin or what `POST /api/customers/geocode` answered. */
export interface LocationPin {
  location: { lat: number; lng: number };
  precision: LocationPrecision;
}

/** `POST /api/customers/geocode`: null when the address cannot be found. */
export type GeocodeAnswer = (LocationPin & { precision: Exclude<LocationPrecision, 'manual'>; source: 'google' | 'gazetteer' }) | null;

export const CUSTOMER_TYPES = ['household', 'restaurant', 'commercial', 'industrial'] as const;
export type CustomerType = Customer['type'];

/** A structured address as sent to the API (domain/customers/address.ts); the API adds `full`. */
export interface AddressInput {
  city: string;
  district: string;
  road: string;
  section?: number;
  lane?: string;
  alley?: string;
  number: string;
  floor?: string;
}

export interface CylindersOnSite {
  size: number;
  count: number;
  /** Total deposit (押金) held, NT$. */
  depositPaid: number;
}

/** Either nothing, 統一編號 + 抬頭 (triplicate invoice), an e-invoice carrier, or a charity's 愛心碼 (donated). */
export interface CustomerInvoice {
  taxId?: string;
  companyTitle?: string;
  carrier?: string;
  loveCode?: string;
}

/** What office staff set on a customer: the body of POST /api/customers (PATCH takes any part of it). */
export interface CustomerInput {
  name: string;
  contactName?: string;
  phones: string[];
  address: AddressInput;
  type: CustomerType;
  deliveryWindows: TimeWindow[];
  /** 0 = Sunday. */
  closedDays: number[];
  floorsWithoutElevator: number;
  cylindersOnSite: CylindersOnSite[];
  paymentTerms: PaymentMethod;
  invoice: CustomerInvoice;
  /** A person's pin: the API stores it as `manual`; without it, the API geocodes the address. */
  location?: { lat: number; lng: number };
  lineUserId?: string;
  /** The language of the customer's messages; absent is zh-TW. */
  notificationLocale?: AppLocale;
  autoDelivery: boolean;
  notes: string;
}

/** A PATCH of a customer: changed fields, and `null` for an optional one to remove (contact, LINE id). */
/** PATCH /api/customers/:id: what changed, with the version of the customer the change was made on. */
export type CustomerPatch = Partial<Omit<CustomerInput, 'contactName' | 'lineUserId'>> & {
  contactName?: string | null;
  lineUserId?: string | null;
  version?: number;
  /** The clerk confirmed a new 統一編號 or 抬頭 for the month's deliveries on account not yet invoiced (else 409 CUSTOMER.BUYER_CHANGE_UNINVOICED). */
  confirmBuyerChange?: boolean;
};

/** One side of a change of owner (過戶): the other customer and the handover day. */
export interface OwnerChange {
  customerId: string;
  customerCode: string;
  on: string;
}

/** One customer as GET /api/customers/:id returns it. */
export interface CustomerDetails extends Customer, Omit<CustomerInput, 'address'> {
  address: AddressInput & Address;
  createdAt: string;
  /** 過戶: on the seller, the new owner's customer; on the new owner, the seller's; with the handover day. */
  transferredTo?: OwnerChange;
  transferredFrom?: OwnerChange;
  updatedAt: string;
  deactivatedAt?: string;
  /** The latest gas safety inspection (用戶安全檢查); absent while the customer was never inspected. */
  safety?: SafetySummary;
  supplyStop?: SupplyStop;
  /** 刪除個資: when and why an admin erased the customer's personal data, and until when the books kept must stay. */
  /** `retention`: until when the vouchers and the books kept must stay; absent on an erasure recorded before it was kept by kind. */
  erasure?: { at: string; reason: string; retainUntil: string; retention?: { vouchers: string; books: string }; completedAt?: string };
  /** 拒絕行銷 (個資法 §20): when the customer objected to marketing (促銷、活動 announcements), and who recorded it; absent, they take it. */
  marketingOptOut?: { at: string; by: { uid: string; role: string } };
}

export const COMPLAINT_CATEGORIES = ['late_delivery', 'gas_quality', 'safety', 'driver_conduct', 'billing', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export interface NewComplaint {
  category: ComplaintCategory;
  note: string;
  orderId?: string;
}

/** A complaint logged by office staff or sent by the customer; the churn model counts them (reason COMPLAINTS). */
export interface Complaint extends NewComplaint {
  id: string;
  customerId: string;
  at: string;
  by: TimelineEntry['by'];
  /** The order it names as people know it: the day delivered (else asked for), its cylinders, a collection's empties. Absent when the order is no longer on record. */
  order?: { date: string; items: SizeQuantity[]; empties: SizeQuantity[] };
  /** What the office did; set once, when it closed the complaint. */
  resolution?: string;
  resolvedAt?: string;
  resolvedBy?: TimelineEntry['by'];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface RouteStop {
  orderId: string;
  customerId: string;
  seq: number;
  eta: string;
  lat: number;
  lng: number;
  /** 0-based: the truck is back at the depot to reload between trips. */
  trip: number;
  /** Set by the driver's deliver / fail action. */
  outcome?: { status: 'delivered' | 'failed'; at: string; actionId: string };
}

/** One trip of a route: out from the depot loaded, and back (to reload, or at the day's end). */
export interface TripTime {
  departsAt: string;
  returnsAt: string;
}

export type RouteStatus = 'draft' | 'published' | 'in_progress' | 'completed';

export interface DeliveryRoute {
  id: string;
  date: string;
  depotId: string;
  driverId?: string;
  vehicleId?: string;
  status: RouteStatus;
  stops: RouteStop[];
  distanceKm: number;
  durationMin: number;
  /** Planned departure from and final return to the depot; absent on a route without stops. */
  startsAt?: string;
  endsAt?: string;
  /** Each trip's departure from and return to the depot, by the stops' `trip`; absent on routes timed before they were stored. */
  trips?: TripTime[];
  /** What its times were computed with, by the plan or the latest edit; absent on older routes. */
  travelTimes?: TravelTimes;
  createdAt?: string;
  /** When the office published it; absent on drafts. */
  publishedAt?: string;
  /** A route whose stops left, all or some, the office handed to another driver (改派): how many went, to whom, when (the latest). */
  handedOver?: { driverId: string; routeId: string; stops: number; at: string };
  /** A route taken over from another driver (改派): whose, the truck, when. */
  takenOver?: { fromDriverName: string; plate: string; at: string };
  /** The fulls to fetch for stops handed onto this route (改派) on another truck, one per hand-over, oldest first. */
  pickups?: Pickup[];
  /** The fulls on this route's truck that the drivers of stops it handed over (改派) come for, oldest first. */
  handedPickups?: HandedPickup[];
}

/**
 * The first driver's side of a pickup (改派): route `toRouteId`'s `pickups[n]`, whose driver (name, phone) comes for
 * `cylinders` on this truck; `moved` as that pickup says.
 */
export interface HandedPickup {
  at: string;
  toRouteId: string;
  n: number;
  toDriverName: string;
  toDriverPhone?: string;
  cylinders: SizeQuantity[];
  moved?: { at: string; byDriverId: string };
}

/**
 * What a driver fetches for stops handed to them (改派): the fulls on the first driver's truck (its plate, and where it was
 * once it had left the depot) and those never loaded, at the depot; `moved` once a driver said they are across.
 */
export interface Pickup {
  at: string;
  fromRouteId: string;
  fromDriverName: string;
  fromPlate?: string;
  where?: { lat: number; lng: number };
  fromTruck: SizeQuantity[];
  fromDepot: SizeQuantity[];
  moved?: { at: string; byDriverId: string };
}

export interface OptimizationJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress?: { share: number; bestCost: number | null; elapsedMs: number };
  /** What it planned: the day and the depot (more is recorded, not read here). */
  request?: { date: string; depotId: string };
  finishedAt?: string;
  routeIds?: string[];
  unassigned?: { orderId: string; reason: string }[];
  /** The later plan of the same depot and day that replaced its drafts: what it left out is no longer the day's word. */
  replacedBy?: string;
  /** Why it failed: the code the runner recorded (functions/src/functions/optimize-routes.ts), or STALE (its runner died). */
  error?: string;
  /** ISO instant the runner last proved it was alive. */
  heartbeatAt?: string;
  updatedAt?: string;
}

/** Which model made a prediction, as every prediction records. */
export interface Provenance {
  model: { name: string; version: string };
  source: 'vertex' | 'local' | 'local-fallback';
}

/** Cylinders of one size in the next order: fractional expectation, whole-cylinder quantiles once there is history. */
export interface ExpectedQuantity extends SizeQuantity {
  range?: { p10: number; p50: number; p90: number };
}

/** Where a customer is and the first number to call ('' on predictions stored before these were kept). */
export interface PredictionContact {
  customerDistrict: string;
  customerPhone: string;
}

export interface DuePrediction extends Provenance, PredictionContact {
  customerId: string;
  customerName: string;
  autoDelivery: boolean;
  /** Latest delivery date that keeps the risk of running out at about 1 %. */
  safeDeliveryDate: string;
  p10: string;
  p50: string;
  p90: string;
  /** Probability that the customer orders by the end of the window, times the chance they still order at all. */
  confidence: number;
  expectedQuantity: ExpectedQuantity[];
  /** Whole cylinders a usual order brings, by the API's rule (what a suggested order carries). */
  suggestedItems: SizeQuantity[];
  /** The earliest order that still needs a truck, if any. */
  openOrder: Pick<Order, 'id' | 'requestedDate' | 'status'> | null;
  /** The office's latest call says they moved to a competitor and they have not ordered since. */
  buysElsewhere: boolean;
  /** The office's latest call has them saying they will order, and that still holds: `confidence` is not discounted by churn risk. */
  promisedToOrder: boolean;
  adjustedBy: AdjustedBy;
  churnRisk: number;
  /** At churn risk with no word that they will order: someone to win back, not due (listed only on request). */
  atRisk: boolean;
}

/** The 需求調整 a customer's dates are worked out under (a 寒流 ×3 burns three days' gas a day): why they are due earlier (or later); empty when none. */
export type AdjustedBy = Pick<DemandAdjustment, 'id' | 'from' | 'to' | 'factor' | 'reason'>[];

/** A customer's own refill reminder: order by `orderBy`; `null` dates when there is no prediction yet. */
export interface MyRefill {
  asOf: string | null;
  orderBy: string | null;
  around: string | null;
  items: SizeQuantity[];
}

/** The model serving the predictions and how right it was on the weeks it was scored on (GET /api/predictions/model). */
export interface PredictionModel {
  name: string;
  version: string;
  trainedAt: string;
  activatedAt: string | null;
  /** The weeks scored, after fitting on the year before them: the refills asked about and their customers. */
  holdout: { from: string; to: string; refills: number; customers: number };
  /** Mean days between the predicted day and the day the customer ordered. */
  maeDays: number;
  /** Share of those orders inside the predicted window (p10–p90). */
  coverage: number | null;
  /** Share of the hold-out refills ordered before the deliver-by day: at most that share ran out before it. */
  ranOutBeforeSafeDate: number | null;
  /** Vertex AI answers first, this local model when it fails. */
  vertex: boolean;
}

/** Cylinders of each size all customers are expected to order per week, with a p10–p90 band. */
/** The stops a truck of a depot makes a day as the nightly suggestions count them, and why (GET /api/predictions/stops-per-truck). */
export interface StopsPerTruckFigure {
  depotId: string;
  depotName: string;
  stops: number;
  /** `history`: learned from the depot's routes, more than its setting; `setting`: its own; `default`: it sets none. */
  source: 'history' | 'setting' | 'default';
  truckDays: number;
  /** What the routes say, used or not; null with too few truck-days. */
  learned: number | null;
}

export interface WeeklyOutlook {
  /** Day of the nightly predictions summed; null before the first run. */
  asOf: string | null;
  computedAt: string | null;
  customers: number;
  weeks: OutlookWeek[];
  /** The same per depot, each customer at the depot nearest to it. */
  depots: { depotId: string; depotName: string; customers: number; weeks: OutlookWeek[] }[];
}

export interface OutlookWeek {
  from: string;
  bySize: { size: number; mean: number; p10: number; p90: number }[];
}

/** GET /api/predictions/daily: the filling plant's order, a day at a time from tomorrow. */
export interface DailyOutlook {
  asOf: string | null;
  computedAt: string | null;
  customers: number;
  depots: { depotId: string; depotName: string }[];
  days: {
    date: string;
    /** 休息日, or 提早收工 with `closesAt`; `districts` when it holds in some only. */
    closures: { name: string; closesAt?: string; districts?: string[] }[];
    bySize: { size: number; booked: number; mean: number; p10: number; p90: number; expected: number }[];
  }[];
  /** The days' sums per size against the fulls; `short`: whole cylinders to order. */
  totals: { size: number; booked: number; mean: number; expected: number; fulls: number; short: number }[];
  /** 需求調整 over the days shown: their days' mean and band already multiplied by `factor`. */
  adjustments: DemandAdjustment[];
}

/** A factor staff put on some days of the outlook for what the models cannot know (an announced 寒流). */
export interface DemandAdjustment {
  id: string;
  from: string;
  to: string;
  factor: number;
  reason: string;
  createdBy: { uid: string; role: string };
  createdAt: string;
}

export type ChurnReasonCode = 'OVERDUE' | 'DECLINING_FREQUENCY' | 'FAILED_DELIVERIES' | 'COMPLAINTS' | 'PRICE_INCREASE';

export interface ChurnPrediction extends Provenance, PredictionContact {
  customerId: string;
  customerCode: string;
  customerName: string;
  customerType: CustomerType;
  lastDeliveryDate: string | null;
  risk: number;
  reasons: { code: ChurnReasonCode; weight: number }[];
  /** What they used to buy a month over their last active months (up to 6, ending with the last delivery); null if never delivered. */
  valueAtStake: { months: number; bySize: { size: number; perMonth: number }[]; perMonth: number } | null;
  /** NT$ a month expected to be lost: risk × what they bought a month (the list's default order). */
  expectedLoss: number;
  /** The office's latest call to the customer about it, whenever it was. */
  lastCall: ChurnCall | null;
  assignee: ChurnAssignee | null;
}

/** An office or admin account a churn call is assigned to (name empty when the account is gone). */
export interface ChurnAssignee {
  uid: string;
  name: string;
}

/** What a month's churn calls achieved, counted by customer. */
export interface ChurnSummary {
  month: string;
  called: number;
  reached: number;
  wonBack: number;
  byOutcome: { outcome: ChurnCallOutcome; called: number; wonBack: number }[];
}

/** What came of the office's call to a customer at churn risk (the API's CHURN_CALL_OUTCOMES). */
export const CHURN_CALL_OUTCOMES = ['reached', 'no_answer', 'competitor', 'price', 'moved', 'closed_business', 'will_order', 'other'] as const;
export type ChurnCallOutcome = (typeof CHURN_CALL_OUTCOMES)[number];

export interface NewChurnCall {
  outcome: ChurnCallOutcome;
  note?: string;
}

export interface ChurnCall extends NewChurnCall {
  id: string;
  customerId: string;
  at: string;
  by: { uid: string; role: Role | 'system' };
  /** The caller's display name now; absent when the account is gone. */
  byName?: string;
}

/** One customer's prediction (GET /api/predictions/customers/:id), as the customer drawer shows it. */
export interface CustomerPrediction {
  customerId: string;
  asOf: string;
  lastDeliveryDate: string | null;
  nextRefill: Provenance & {
    p10: string;
    p50: string;
    p90: string;
    safeDeliveryDate: string;
    expectedQuantity: ExpectedQuantity[];
  };
  /** The 需求調整 `nextRefill`'s dates are worked out under; empty when none moved them. */
  adjustedBy: AdjustedBy;
  /** The model's own dates, before `adjustedBy` moved them; null when none did. */
  modelDates: { p10: string; p50: string; p90: string; safeDeliveryDate: string } | null;
  churn: Provenance & { risk: number; reasons: ChurnPrediction['reasons'] };
}

export const ROLES: Role[] = ['admin', 'office', 'driver', 'customer', 'turnkey'];

/** An account as the admin sees it (`GET /api/users`): never a password hash. */
export interface UserAccount extends Account {
  disabled: boolean;
  /** A portal account's customer, code and name (「C0012 林家麵店」), as the list answers it; absent when the customer is gone. */
  customerName?: string;
  /** The portal account's customer had their personal data erased: the account stays disabled (the API refuses enabling it). */
  customerErased?: true;
}

/** A refused sign-in (`GET /api/users/sign-in-failures`): never the password typed. */
export interface SignInFailure {
  id: string;
  at: string;
  username: string;
  /** The account's, when the username is one. */
  uid?: string;
  reason: 'wrong_password' | 'unknown_account' | 'account_disabled' | 'locked_out';
  ip: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  driverId?: string;
  customerId?: string;
  password: string;
}

/** One row of the price list: the unit price of a size from `effectiveFrom` until a later row. */
export interface PriceEntry {
  id: string;
  size: number;
  unitPrice: number;
  effectiveFrom: string;
  /** Absent on entries loaded by the seed rather than set by an admin. */
  createdAt?: string;
  createdBy?: string;
  /** The price the entry set until an admin revoked it (撤銷調價): it now moves nothing and never applied. */
  revokedPrice?: number;
  /** Customers told of this entry (調價通知); staff only. */
  notified?: number;
  /**
   * Open orders (pending, confirmed) that took the entry's latest posting, re-priced after the save's answer; `done` once
   * all have. Staff only; absent on entries posted before it was recorded.
   */
  repricing?: { orders: number; done: boolean };
}

export type NewPriceEntry = Pick<PriceEntry, 'size' | 'unitPrice' | 'effectiveFrom'> & {
  /** Tell the customers who buy the size (a day after today only). */
  notifyCustomers?: boolean;
  /** The admin confirmed a price more than a fifth away from the one before it (else 422 PRICE.LARGE_CHANGE). */
  confirmLargeChange?: boolean;
};

/**
 * `GET /api/prices`: the prices in force on `date`, the coming changes and, for staff, every entry; for a customer (or
 * staff naming one), the prices that customer pays.
 */
export interface PriceList {
  date: string;
  current: SizePrice[];
  entries: PriceEntry[];
  upcoming: UpcomingPrice[];
}

export interface SizePrice {
  size: number;
  unitPrice: number;
  /** For a customer's prices: the list price that day, and the 合約價 term that sets `unitPrice`, if any. */
  listPrice?: number;
  contract?: ContractPrice;
  /** `contract` is the head office's (沿用總店合約價): the branch has no term of its own for the size that day. */
  fromHeadOffice?: true;
}

/** 合約價 (functions/src/domain/pricing/contract-price.ts): so much off the list price of the day, or a fixed unit price. */
export const CONTRACT_PRICE_KINDS = ['discount', 'fixed'] as const;
export type ContractPriceKind = (typeof CONTRACT_PRICE_KINDS)[number];

export interface ContractPrice {
  size: (typeof CYLINDER_SIZES)[number];
  kind: ContractPriceKind;
  amount: number;
  effectiveFrom: string;
  /** The last day the terms apply; open-ended when absent. */
  effectiveTo?: string;
  note?: string;
}

/** A business closure (休息日): nobody delivers from `from` to `to`, both included. */
export interface NewClosure {
  name: string;
  from: string;
  to: string;
  /** The districts (鄉鎮市區) it holds in (部分地區停班停課); absent: the whole company. */
  districts?: string[];
  /** 提早收工: the days stay open and deliveries end at this Taipei time (除夕's half day); absent: closed all day. */
  closesAt?: string;
}
export interface Closure extends NewClosure {
  id: string;
  /** Staff only: drivers and customers get the days and the name. */
  createdAt?: string;
  createdBy?: string;
}

/** `POST /api/closures`: the closure and the open orders requested inside it, which still need a new date. */
export interface ClosureCreated {
  closure: Closure;
  affectedOrders: ClosureAffectedOrder[];
}
export type ClosureAffectedOrder = Pick<Order, 'id' | 'customerId' | 'customerName' | 'requestedDate' | 'status' | 'timeWindow'>;

/** Where `POST /api/closures/:id/move-orders` sends the orders on a closure: each customer's last open day before it, or first after. */
export type MoveDirection = 'before' | 'after';
export interface ClosureOrdersMoved {
  /** `sameDayOrders`: the customer's other open orders on `to` (moved there too, or booked), for the office to combine. */
  moved: { id: string; customerName: string; from: string; to: string; sameDayOrders: string[] }[];
  /** Orders that stayed, with the reason in the caller's language (e.g. already on a delivery route). */
  notMoved: (ClosureAffectedOrder & { code: string; message: string })[];
  /** Each day orders moved to, with the open orders it now carries and how many of them moved in. */
  days: { date: string; openOrders: number; movedIn: number }[];
  /** Orders still on the closure the request had no time left for: the same move again takes them. */
  remaining: number;
}

/**
 * `GET /api/closures/:id/moves` (and `POST …/move-back`): each order the closure's move sent to another day, `back` once
 * moved back, `mayComeBack` when its day has reopened and nobody changed it since, else `stays` with why in the
 * caller's language; `movedBack`, how many the request moved back.
 */
export interface ClosureMoves {
  moves: { orderId: string; customerId: string; customerName: string; district: string; from: string; to: string; state: 'back' | 'mayComeBack' | 'stays'; code?: string; message?: string }[];
  movedBack: number;
}

/** `GET /api/closures/:id/reminders`: how the closure's reminders went, and whom nobody could tell (the office phones them). */
export interface ClosureReminders {
  sent: number;
  pending: number;
  /** `ordered`: they have ordered since, for a day up to the closure's last: nothing left to call about. */
  unreached: { customerId: string; customerName: string; phone?: string; orderBy: string; errorCode: string; ordered: boolean }[];
}

export const DRIVER_SKILLS = ['cylinder_50kg', 'industrial'] as const;
export type DriverSkill = (typeof DRIVER_SKILLS)[number];

/** Who created and last changed a fleet record; `active: false` means retired (absent: in service). */
export interface FleetRecord {
  id: string;
  active?: boolean;
  createdAt?: string;
  createdBy?: string;
  updatedAt?: string;
  updatedBy?: string;
}

export interface NewDepot {
  name: string;
  address: string;
  location: { lat: number; lng: number };
  /** Yard hours; unset: the drivers' shifts alone decide (`null` in a change removes them). */
  hours?: { start: string; end: string } | null;
  /** From this Taipei time on customers cannot order for today in the portal; unset: no cut-off (`null` removes it). */
  sameDayCutoff?: string | null;
  /** The number the depot's customers call, shown in the portal (`null` removes it). */
  phone?: string | null;
  /** Stops one truck makes a day, which bounds the nightly suggestions put on a day; unset: 20 (`null` removes it). */
  stopsPerTruck?: number | null;
  /** 容器儲存場所 許可儲存量 (kg), which 鋼瓶庫存 weighs the fulls against; unset: not known (`null` removes it). */
  permittedStorageKg?: number | null;
}
export interface FleetDepot extends FleetRecord, NewDepot {}

export interface NewVehicle {
  plate: string;
  capacityKg: number;
  cylinderSlots: number;
  depotId: string;
  costPerKm: number;
  fixedCost: number;
}
export interface FleetVehicle extends FleetRecord, NewVehicle {}

export interface NewDriver {
  name: string;
  phone: string;
  skills: DriverSkill[];
  shift: { start: string; end: string };
  vehicleId: string;
  /** 安全技術人員合格證書, set apart from the driver form (the fleet page's certificate dialog). */
  safetyCertificate?: SafetyCertificate;
  /** NT$ an hour of the driver's time costs route planning; unset: the default (`null` in a change goes back to it). */
  hourlyCost?: number | null;
  /** 對客稱呼 customers are told (報修通知); unset: derived from the name, 陳師傅 (`null` in a change goes back to it). */
  addressedAs?: string | null;
}
export interface FleetDriver extends FleetRecord, NewDriver {}

/** The three kinds of fleet record, by their API path under `/api/fleet`. */
export interface FleetKinds {
  depots: { record: FleetDepot; input: NewDepot };
  vehicles: { record: FleetVehicle; input: NewVehicle };
  drivers: { record: FleetDriver; input: NewDriver };
}
export type FleetKind = keyof FleetKinds;
