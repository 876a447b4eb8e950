import { addDays } from '../lpg/calendar';
import type { CustomerHistory, CustomerType, CylinderCounts, Delivery, IsoDate, PriceChange } from '../lpg/types';

/** Object mother for customer histories: `aCustomer('C1').ofType('restaurant').ordering(...).build()`. */
export class CustomerBuilder {
  private type: CustomerType = 'household';
  private onSite: CylinderCounts = { 20: 2 };
  private readonly deliveries: Delivery[] = [];
  private readonly failed: IsoDate[] = [];
  private readonly complaints: IsoDate[] = [];
  private readonly priceChanges: PriceChange[] = [];

  constructor(private readonly id: string) {}

  ofType(type: CustomerType): this {
    this.type = type;
    return this;
  }

  withCylindersOnSite(cylinders: CylinderCounts): this {
    this.onSite = cylinders;
    return this;
  }

  /** `count` deliveries of `cylinders`, the first on `from`, then every `everyDays`. */
  ordering(cylinders: CylinderCounts, from: IsoDate, everyDays: number, count: number): this {
    for (let i = 0; i < count; i++) this.deliveries.push({ date: addDays(from, Math.round(i * everyDays)), cylinders });
    return this;
  }

  deliveredOn(date: IsoDate, cylinders: CylinderCounts): this {
    this.deliveries.push({ date, cylinders });
    return this;
  }

  withFailedDelivery(date: IsoDate): this {
    this.failed.push(date);
    return this;
  }

  withComplaint(date: IsoDate): this {
    this.complaints.push(date);
    return this;
  }

  withPriceChange(date: IsoDate, relativeChange: number): this {
    this.priceChanges.push({ date, relativeChange });
    return this;
  }

  lastDeliveryDate(): IsoDate {
    return [...this.deliveries].map((d) => d.date).sort().at(-1) ?? '1970-01-01';
  }

  build(): CustomerHistory {
    return {
      customerId: this.id,
      type: this.type,
      cylindersOnSite: this.onSite,
      deliveries: [...this.deliveries],
      failedDeliveries: [...this.failed],
      complaints: [...this.complaints],
      priceChanges: [...this.priceChanges],
    };
  }
}

export const aCustomer = (id: string): CustomerBuilder => new CustomerBuilder(id);
