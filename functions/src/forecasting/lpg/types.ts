import { CUSTOMER_TYPES, type CustomerType } from '../../domain/customers/customer';
import { CYLINDER_SIZES, type CylinderSize } from '../../domain/cylinders/cylinder';

export { CUSTOMER_TYPES, CYLINDER_SIZES, type CustomerType, type CylinderSize };

/** A calendar date in Asia/Taipei, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Cylinder counts by size; a missing size is zero. */
export type CylinderCounts = Partial<Record<CylinderSize, number>>;

export interface Delivery {
  readonly date: IsoDate;
  /** Full cylinders handed over, by size. */
  readonly cylinders: CylinderCounts;
}

export interface PriceChange {
  readonly date: IsoDate;
  /** Relative change of the customer's price per kg, e.g. 0.08 for +8 %. */
  readonly relativeChange: number;
}

/** Everything the models know about one customer, as of some date. */
export interface CustomerHistory {
  readonly customerId: string;
  readonly type: CustomerType;
  /** Cylinders installed at the customer (in use plus spares), by size. */
  readonly cylindersOnSite: CylinderCounts;
  /** Successful deliveries, in any order. */
  readonly deliveries: readonly Delivery[];
  /** Dates of delivery attempts that failed (nobody home, refused, ...). */
  readonly failedDeliveries?: readonly IsoDate[];
  readonly complaints?: readonly IsoDate[];
  readonly priceChanges?: readonly PriceChange[];
}

/** The input of training and backtests: every customer's history. */
export type DeliveryHistory = readonly CustomerHistory[];

/** Observed mean temperatures, °C, keyed `YYYY-MM`; months not listed fall back to the climatology. */
export type MonthlyTemperatures = Readonly<Record<string, number>>;
