/**
 * 報修 for the demo, built through the domain's `openServiceCall` / `assignServiceCall` / `closeServiceCall` as the API
 * stores them: a gas smell last week that turned out a stove left on (closed, fixed), a regulator call customer1 made in the
 * portal last night that driver1 visits this afternoon, and a hose the office took on the phone and has sent no one to
 * yet. None is urgent and open (every office page would show the red banner) and none closed unsafe (it would stop a
 * demo customer's supply).
 */
import { addDays, taipeiInstant } from '../../domain/calendar';
import type { Customer } from '../../domain/customers';
import type { Actor } from '../../domain/events';
import type { Driver } from '../../domain/fleet';
import { inspectedCustomerOf } from '../../domain/safety';
import { assignServiceCall, closeServiceCall, openServiceCall, openServiceCallInputSchema, type ServiceCall } from '../../domain/service-calls';
import { demoCustomerId } from './customers';
import { demoDriverId } from './fleet';

const OFFICE: Actor = { uid: 'u-office', role: 'office' };

export function demoServiceCalls(customers: readonly Customer[], drivers: readonly Driver[], today: string): ServiceCall[] {
  const customer = (n: number): Customer => {
    const found = customers.find((c) => c.id === demoCustomerId(n));
    if (!found) throw new Error(`demo customer ${n} missing`);
    return found;
  };
  const driver = (n: number) => {
    const found = drivers.find((d) => d.id === demoDriverId(n));
    if (!found) throw new Error(`demo driver ${n} missing`);
    return { id: found.id, name: found.name, active: true };
  };
  const at = (day: string, time: string) => new Date(taipeiInstant(day, time));
  const open = (id: string, c: Customer, input: { kind: string; description: string; someoneHome: boolean; preferredTime?: string }, by: Actor, when: Date) =>
    openServiceCall(openServiceCallInputSchema.parse({ customerId: c.id, ...input }), { id, customer: inspectedCustomerOf(c), by, now: when });

  const lastWeek = addDays(today, -6);
  const smell = open('svc-demo-smell', customer(2), { kind: 'gas_smell', description: '廚房有瓦斯味，已關閉總開關', someoneHome: true, preferredTime: '越快越好' }, OFFICE, at(lastWeek, '09:12'));
  const smellSent = assignServiceCall(smell, { driverId: driver(2).id, scheduledAt: taipeiInstant(lastWeek, '09:45') }, { driver: driver(2), by: OFFICE, now: at(lastWeek, '09:15') });
  const smellClosed = closeServiceCall(smellSent, { outcome: 'fixed', note: '爐具開關未關緊，已關閉並以肥皂水測試無漏氣' }, {
    by: { uid: 'u-driver2', role: 'driver' },
    driverId: driver(2).id,
    now: at(lastWeek, '10:20'),
  });

  const yesterday = addDays(today, -1);
  const portal: Actor = { uid: 'u-customer1', role: 'customer' };
  const regulator = open('svc-demo-regulator', customer(1), { kind: 'regulator', description: '調整器有嘶嘶聲，火變小', someoneHome: true, preferredTime: '明天下午' }, portal, at(yesterday, '19:40'));
  const regulatorSent = assignServiceCall(regulator, { driverId: driver(1).id, scheduledAt: taipeiInstant(today, '14:00') }, { driver: driver(1), by: OFFICE, now: at(yesterday, '19:55') });

  const hose = open('svc-demo-hose', customer(8), { kind: 'hose', description: '橡皮管看起來有裂痕，想請人來看', someoneHome: false, preferredTime: '週末上午' }, OFFICE, at(yesterday, '16:30'));

  return [smellClosed, regulatorSent, hose];
}
