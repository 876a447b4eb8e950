import type { HttpFunctionDef } from '../http/endpoint';
import { announcementsFunction } from './announcements';
import { auditLogFunction } from './audit-log';
import { authFunction } from './auth';
import { booksFunction } from './books';
import { closuresFunction } from './closures';
import { customersFunction } from './customers';
import { cylinderStockFunction } from './cylinder-stock';
import { cylindersFunction } from './cylinders';
import { driverFunction } from './driver';
import { fleetFunction } from './fleet';
import { healthFunction } from './health';
import { invoicesFunction } from './invoices';
import { jobsFunction } from './jobs';
import { optimizeFunction } from './optimize';
import { ordersFunction } from './orders';
import { paymentsFunction } from './payments';
import { predictionsFunction } from './predictions';
import { pricesFunction } from './prices';
import { routesFunction } from './routes';
import { safetyInspectionsFunction } from './safety-inspections';
import { serviceCallsFunction } from './service-calls';
import { receivablesFunction } from './receivables';
import { reportsFunction } from './reports';
import { settlementsFunction } from './settlements';
import { statementsFunction } from './statements';
import { usersFunction } from './users';

/**
 * Every HTTP function with its routes: the OpenAPI document, the local gateway's mounts and the
 * hosting rewrites in firebase.json are all checked against this list.
 */
export const API_FUNCTIONS: readonly HttpFunctionDef[] = [
  authFunction,
  healthFunction,
  customersFunction,
  ordersFunction,
  pricesFunction,
  closuresFunction,
  announcementsFunction,
  jobsFunction,
  optimizeFunction,
  routesFunction,
  driverFunction,
  predictionsFunction,
  usersFunction,
  fleetFunction,
  statementsFunction,
  settlementsFunction,
  reportsFunction,
  receivablesFunction,
  booksFunction,
  paymentsFunction,
  cylinderStockFunction,
  cylindersFunction,
  safetyInspectionsFunction,
  serviceCallsFunction,
  invoicesFunction,
  auditLogFunction,
];
