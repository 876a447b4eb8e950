import type { Principal } from '../users';
import { assertCanManageCustomers, assertCanReadCustomer, canReadCustomer } from './permissions';

const office: Principal = { uid: 'u-office', role: 'office' };
const admin: Principal = { uid: 'u-admin', role: 'admin' };
const driver: Principal = { uid: 'u-d', role: 'driver', driverId: 'drv-01' };
const customer: Principal = { uid: 'u-c', role: 'customer', customerId: 'cust-0001' };

describe('customer permissions', () => {
  it('lets staff read any customer and a customer only their own', () => {
    expect(canReadCustomer(office, 'cust-0002')).toBe(true);
    expect(canReadCustomer(admin, 'cust-0002')).toBe(true);
    expect(canReadCustomer(customer, 'cust-0001')).toBe(true);
    expect(canReadCustomer(customer, 'cust-0002')).toBe(false);
    expect(canReadCustomer(driver, 'cust-0001')).toBe(false);
  });

  it("answers not found for another customer's record and forbidden for drivers", () => {
    expect(() => assertCanReadCustomer(customer, 'cust-0002')).toThrow(expect.objectContaining({ code: 'CUSTOMER.NOT_FOUND' }));
    expect(() => assertCanReadCustomer(driver, 'cust-0001')).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
  });

  it('lets only staff manage customers', () => {
    expect(() => assertCanManageCustomers(office)).not.toThrow();
    expect(() => assertCanManageCustomers(admin)).not.toThrow();
    expect(() => assertCanManageCustomers(customer)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(() => assertCanManageCustomers(driver)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });
});
