import type { Principal } from '../users';
import { aCustomer, anOrder } from '../test-support';
import { assertBranchOf, assertCanEdit, assertCanTransition, canViewOrder, resolveOrderCustomer, resolveOrderCustomerId, type Caller } from './permissions';
import { ORDER_STATUSES } from './status';

const admin: Principal = { uid: 'u-admin', role: 'admin' };
const office: Principal = { uid: 'u-office', role: 'office' };
const driver: Principal = { uid: 'u-d1', role: 'driver', driverId: 'drv-01' };
const otherDriver: Principal = { uid: 'u-d2', role: 'driver', driverId: 'drv-02' };
const customer: Principal = { uid: 'u-c1', role: 'customer', customerId: 'cust-0001' };
const otherCustomer: Principal = { uid: 'u-c2', role: 'customer', customerId: 'cust-0002' };
const system: Caller = { uid: 'scheduler', role: 'system' };

const own = aCustomer().withId('cust-0001').build();
const orderIn = (status: (typeof ORDER_STATUSES)[number]) => anOrder().forCustomer(own).onDriver('drv-01').inStatus(status).build();

describe('canViewOrder', () => {
  it('lets staff and the system see every order', () => {
    for (const c of [admin, office, system]) expect(canViewOrder(c, orderIn('pending'))).toBe(true);
  });

  it('lets a customer see only their own orders', () => {
    expect(canViewOrder(customer, orderIn('pending'))).toBe(true);
    expect(canViewOrder(otherCustomer, orderIn('pending'))).toBe(false);
  });

  it.each(ORDER_STATUSES)('lets a driver see a %s order only when it is on their route', (status) => {
    const onRoute = ['scheduled', 'out_for_delivery', 'delivered', 'failed'].includes(status);
    expect(canViewOrder(driver, orderIn(status))).toBe(onRoute);
    expect(canViewOrder(otherDriver, orderIn(status))).toBe(false);
  });
});

describe('resolveOrderCustomerId', () => {
  it('makes staff name the customer', () => {
    expect(resolveOrderCustomerId(office, 'cust-0009')).toBe('cust-0009');
    expect(() => resolveOrderCustomerId(office, undefined)).toThrow(expect.objectContaining({ code: 'ORDER.CUSTOMER_REQUIRED' }));
  });

  it('lets a customer order only for themself', () => {
    expect(resolveOrderCustomerId(customer, undefined)).toBe('cust-0001');
    expect(resolveOrderCustomerId(customer, 'cust-0001')).toBe('cust-0001');
    expect(() => resolveOrderCustomerId(customer, 'cust-0002')).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
  });

  it('refuses drivers', () => {
    expect(() => resolveOrderCustomerId(driver, 'cust-0001')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });
});

describe('resolveOrderCustomer', () => {
  it('takes a customer naming another as a head office booking for a branch, to be checked against the branch', () => {
    expect(resolveOrderCustomer(customer, 'cust-0002')).toEqual({ customerId: 'cust-0002', headOfficeId: 'cust-0001' });
    expect(resolveOrderCustomer(customer, 'cust-0001')).toEqual({ customerId: 'cust-0001' });
    expect(resolveOrderCustomer(customer, undefined)).toEqual({ customerId: 'cust-0001' });
    expect(resolveOrderCustomer(office, 'cust-0009')).toEqual({ customerId: 'cust-0009' });
    expect(() => resolveOrderCustomer(driver, 'cust-0001')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });
});

describe('assertBranchOf', () => {
  it('passes a branch naming the head office as payer and refuses alike any other customer and none', () => {
    const branch = { ...aCustomer().withId('cust-0002').build(), payerId: 'cust-0001' };
    expect(assertBranchOf(branch, 'cust-0001')).toBe(branch);
    for (const [c, headOffice] of [[branch, 'cust-0003'], [aCustomer().withId('cust-0004').build(), 'cust-0001'], [null, 'cust-0001']] as const) {
      expect(() => assertBranchOf(c, headOffice)).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
    }
  });
});

describe('assertCanTransition', () => {
  it('lets a customer cancel their own order only while pending', () => {
    expect(() => assertCanTransition(customer, orderIn('pending'), 'cancelled')).not.toThrow();
    expect(() => assertCanTransition(customer, orderIn('confirmed'), 'cancelled')).toThrow(
      expect.objectContaining({ code: 'ORDER.NOT_PENDING', kind: 'conflict', details: expect.objectContaining({ status: 'confirmed' }) }),
    );
    expect(() => assertCanTransition(customer, orderIn('cancelled'), 'cancelled')).not.toThrow();
    expect(() => assertCanTransition(customer, orderIn('pending'), 'confirmed')).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
  });

  it("hides another customer's order as not found", () => {
    expect(() => assertCanTransition(otherCustomer, orderIn('pending'), 'cancelled')).toThrow(
      expect.objectContaining({ code: 'ORDER.NOT_FOUND', kind: 'not_found' }),
    );
  });

  it('lets a driver work only the stops of their own route', () => {
    expect(() => assertCanTransition(driver, orderIn('scheduled'), 'out_for_delivery')).not.toThrow();
    expect(() => assertCanTransition(driver, orderIn('out_for_delivery'), 'delivered')).not.toThrow();
    expect(() => assertCanTransition(driver, orderIn('out_for_delivery'), 'failed')).not.toThrow();
    expect(() => assertCanTransition(driver, orderIn('scheduled'), 'cancelled')).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
    expect(() => assertCanTransition(otherDriver, orderIn('scheduled'), 'out_for_delivery')).toThrow(
      expect.objectContaining({ code: 'ORDER.NOT_FOUND' }),
    );
  });

  it('lets staff and the system make any move', () => {
    for (const c of [admin, office, system]) expect(() => assertCanTransition(c, orderIn('scheduled'), 'cancelled')).not.toThrow();
  });
});

describe('assertCanEdit', () => {
  it('lets a customer edit their own pending order and nothing else; drivers never', () => {
    expect(() => assertCanEdit(customer, orderIn('pending'))).not.toThrow();
    expect(() => assertCanEdit(customer, orderIn('confirmed'))).toThrow(expect.objectContaining({ code: 'ORDER.NOT_PENDING', kind: 'conflict' }));
    expect(() => assertCanEdit(otherCustomer, orderIn('pending'))).toThrow(expect.objectContaining({ code: 'ORDER.NOT_FOUND' }));
    expect(() => assertCanEdit(driver, orderIn('scheduled'))).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
    expect(() => assertCanEdit(office, orderIn('confirmed'))).not.toThrow();
  });
});

describe('a head office on its branch’s order (the payer the branch names, read in the transaction)', () => {
  const headOffice: Principal = { uid: 'u-hq', role: 'customer', customerId: 'cust-hq' };

  it('sees, changes and cancels it as the branch would: while it is pending', () => {
    expect(canViewOrder(headOffice, orderIn('delivered'), 'cust-hq')).toBe(true);
    expect(() => assertCanEdit(headOffice, orderIn('pending'), 'cust-hq')).not.toThrow();
    expect(() => assertCanTransition(headOffice, orderIn('pending'), 'cancelled', 'cust-hq')).not.toThrow();
    expect(() => assertCanEdit(headOffice, orderIn('confirmed'), 'cust-hq')).toThrow(expect.objectContaining({ code: 'ORDER.NOT_PENDING' }));
    expect(() => assertCanTransition(headOffice, orderIn('confirmed'), 'cancelled', 'cust-hq')).toThrow(expect.objectContaining({ code: 'ORDER.NOT_PENDING' }));
    expect(() => assertCanTransition(headOffice, orderIn('pending'), 'confirmed', 'cust-hq')).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
  });

  it('hides it as not found from anyone else: another payer, a branch named as none, and a driver given the payer', () => {
    expect(canViewOrder(headOffice, orderIn('pending'), 'cust-other')).toBe(false);
    expect(() => assertCanEdit(headOffice, orderIn('pending'))).toThrow(expect.objectContaining({ code: 'ORDER.NOT_FOUND' }));
    expect(() => assertCanTransition(headOffice, orderIn('pending'), 'cancelled', 'cust-other')).toThrow(expect.objectContaining({ code: 'ORDER.NOT_FOUND' }));
    expect(canViewOrder(otherDriver, orderIn('scheduled'), 'cust-hq')).toBe(false);
  });
});
