/**
 * The deployable package's entry point: importing a function file registers it with
 * functions-framework (`http(name, …)` / `cloudEvent(name, …)`). The local gateway imports this
 * file too, so every function served locally is one that deploys.
 */
import './api-functions';
import './openapi';
import './optimize-routes';
import './notify-announcements';
import './notify-customer';
import './notify-delays';
import './issue-invoices';
import './notify-payments';
import './notify-price-change';
import './notify-service-calls';
import './reprice-orders';
import './report-counters';
import './send-codes';
import './system-alerts';
import './track-orders';
