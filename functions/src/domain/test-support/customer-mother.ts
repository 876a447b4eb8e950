import { createCustomer, createCustomerInputSchema, type CreateCustomerInput, type Customer } from '../customers';

const FIXED_NOW = new Date('2026-11-01T02:00:00Z');

/** Raw (unparsed) input for `POST /api/customers`: what a client sends. */
export function aCustomerRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '陳記自助餐',
    contactName: '陳大明',
    phones: ['0912-345-678'],
    address: { city: '新北市', district: '中和區', road: '中山路', section: 2, number: '100' },
    location: { lat: 24.9985, lng: 121.4932 },
    type: 'restaurant',
    ...overrides,
  };
}

/** Builds a stored customer. `aCustomer().withId('cust-0001').ofType('household').build()` */
export class CustomerBuilder {
  private id = 'cust-test';
  private code = 'C09999';
  private now = FIXED_NOW;
  private overrides: Record<string, unknown> = {};

  withId(id: string): this {
    this.id = id;
    return this;
  }

  withCode(code: string): this {
    this.code = code;
    return this;
  }

  ofType(type: CreateCustomerInput['type']): this {
    this.overrides.type = type;
    return this;
  }

  /** Overrides request fields before parsing, so invalid values fail as they would at the API. */
  with(overrides: Record<string, unknown>): this {
    Object.assign(this.overrides, overrides);
    return this;
  }

  createdAt(now: Date): this {
    this.now = now;
    return this;
  }

  build(): Customer {
    const input = createCustomerInputSchema.parse(aCustomerRequest(this.overrides));
    return createCustomer(input, { id: this.id, code: this.code, now: this.now });
  }
}

export const aCustomer = (): CustomerBuilder => new CustomerBuilder();
