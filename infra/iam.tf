# Least privilege: one runtime identity per function group, separate identities for callers
# (Scheduler, Pub/Sub push) and for builds. Grants are on the narrowest resource IAM offers;
# Firestore has no per-collection IAM, so datastore.user is project-wide and firestore.rules
# plus the functions' own checks do the rest.

locals {
  vertex_roles = var.vertex_endpoint_id == "" ? [] : ["roles/aiplatform.user"]

  # Every function running as an account may read every secret any of them lists (runtime_secret_grants below), so
  # functions share an account only when they list the same secrets (deployment.test.ts checks it). Every HTTP function
  # with audited routes publishes to system-alerts when it cannot write an audit entry (system.audit_write_failed).
  runtime_accounts = {
    api = {
      description = "HTTP API functions that read no secret"
      # predictions asks the Vertex endpoint.
      project_roles = concat(["roles/datastore.user"], local.vertex_roles)
      # The API's writes publish their events; optimize queues solver work.
      publishes = sort(local.topics)
    }
    api-customers = {
      # Reads the Maps key to geocode addresses; a recorded payment announces its receipt (payment.received).
      description   = "customers: the HTTP API that geocodes"
      project_roles = ["roles/datastore.user"]
      publishes     = ["notifications", "system-alerts"]
    }
    api-routes = {
      # Reads the Maps key to re-time edited drafts on road travel times; publishing a route schedules its orders.
      description   = "routes: the HTTP API that edits and publishes routes"
      project_roles = ["roles/datastore.user"]
      publishes     = ["order-events", "route-events", "system-alerts"]
    }
    api-messaging = {
      # Reads the LINE / SMS secrets for reminders and the ECPay key for the monthly e-invoices; also forecasts (Vertex),
      # places suggested orders and, as the outbox sweeper, republishes any event, solver work included.
      description   = "jobs: scheduled jobs, reminders sent by LINE / SMS, monthly e-invoices"
      project_roles = concat(["roles/datastore.user"], local.vertex_roles)
      publishes     = sort(local.topics)
    }
    api-receivables = {
      # Reads the LINE / SMS secrets for the office's 催款 reminder; asks no model.
      description   = "receivables: the HTTP API that sends payment reminders"
      project_roles = ["roles/datastore.user"]
      publishes     = ["system-alerts"]
    }
    api-invoices = {
      # Reads the ECPay key to void and reissue e-invoices there; raises an alert when a reissue finds the numbers run out.
      description   = "invoices: the HTTP API that reads, voids, reissues and exports e-invoices"
      project_roles = ["roles/datastore.user"]
      publishes     = ["system-alerts"]
    }
    admin = {
      # Roles reach Firebase through the login's custom tokens, so no Firebase Auth admin role.
      description   = "User and role management, the audit log"
      project_roles = ["roles/datastore.user"]
      publishes     = ["system-alerts"]
    }
    login = {
      # The only identity that may sign Firebase custom tokens (as itself, see below): any code
      # running with that right could mint a session with any role.
      # A password change is audited: a failed audit write raises system.audit_write_failed. A request for a texted code
      # is announced on notifications for sendCodes, so this identity needs no LINE / SMS secret.
      description   = "Login: checks and changes passwords, signs Firebase custom tokens"
      project_roles = ["roles/datastore.user"]
      publishes     = ["notifications", "system-alerts"]
    }
    consumers = {
      description   = "Pub/Sub event consumers that read no secret"
      project_roles = ["roles/datastore.user"]
      publishes     = []
    }
    consumers-orders = {
      # Re-pricing an order announces it (order.updated), like the API's own order writes.
      description   = "repriceOrders: the event consumer giving a posted price to the open orders it covers"
      project_roles = ["roles/datastore.user"]
      publishes     = ["order-events"]
    }
    consumers-invoicing = {
      # Reads the ECPay key to issue e-invoices; raises an alert when the invoice numbers run out.
      description   = "issueInvoices: the event consumer issuing each delivered order's e-invoice"
      project_roles = ["roles/datastore.user"]
      publishes     = ["system-alerts"]
    }
    consumers-messaging = {
      # Read the LINE / SMS secrets to notify customers and text them their codes.
      description   = "notifyAnnouncements, notifyCustomer, notifyDelays, notifyPayments, notifyPriceChange, notifyServiceCalls and sendCodes: event consumers sending LINE / SMS"
      project_roles = ["roles/datastore.user"]
      publishes     = []
    }
    optimizer = {
      description   = "optimizeRoutes, the long-running route solver"
      project_roles = ["roles/datastore.user"]
      publishes     = ["route-events", "system-alerts"]
    }
  }

  invoker_accounts = {
    scheduler = "Cloud Scheduler calling the jobs function"
    pubsub    = "Pub/Sub push subscriptions calling event consumers and optimizeRoutes"
  }

  runtime_project_grants = merge([
    for sa, cfg in local.runtime_accounts : { for role in cfg.project_roles : "${sa}/${role}" => { sa = sa, role = role } }
  ]...)

  runtime_topic_grants = merge([
    for sa, cfg in local.runtime_accounts : { for topic in cfg.publishes : "${sa}/${topic}" => { sa = sa, topic = topic } }
  ]...)

  runtime_secret_grants = merge([
    for name, f in local.functions : { for env in f.secrets : "${f.runtime}/${env}" => { sa = f.runtime, env = env } }
  ]...)

  pubsub_agent = "serviceAccount:${google_project_service_identity.pubsub.email}"
}

resource "google_service_account" "runtime" {
  for_each = local.runtime_accounts

  account_id   = "lg-${each.key}"
  display_name = "Lucky Gas ${each.key} runtime"
  description  = each.value.description
}

resource "google_service_account" "invoker" {
  for_each = local.invoker_accounts

  account_id   = "lg-${each.key}-invoker"
  display_name = "Lucky Gas ${each.key} invoker"
  description  = each.value
}

resource "google_service_account" "build" {
  account_id   = "lg-functions-build"
  display_name = "Lucky Gas functions build"
  description  = "Cloud Build identity that turns the source zip into function images"
}

# --- runtime identities ---

resource "google_project_iam_member" "runtime" {
  for_each = local.runtime_project_grants

  project = var.project_id
  role    = each.value.role
  member  = google_service_account.runtime[each.value.sa].member
}

resource "google_pubsub_topic_iam_member" "runtime_publisher" {
  for_each = local.runtime_topic_grants

  topic  = google_pubsub_topic.main[each.value.topic].name
  role   = "roles/pubsub.publisher"
  member = google_service_account.runtime[each.value.sa].member
}

resource "google_secret_manager_secret_iam_member" "accessor" {
  for_each = local.runtime_secret_grants

  secret_id = google_secret_manager_secret.app[each.value.env].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.runtime[each.value.sa].member
}

# --- who may invoke which function ---

# Public API functions are reached through Firebase Hosting rewrites, which carry no Google
# identity; they authenticate callers themselves (Firebase ID tokens; jobs also Cloud Scheduler's
# OIDC token, whose signature Cloud Run's own check would strip). The others accept only their
# one caller's OIDC token.
resource "google_cloud_run_service_iam_member" "invoker" {
  for_each = local.functions

  location = var.region
  service  = google_cloudfunctions2_function.fn[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = each.value.invoker == "public" ? "allUsers" : google_service_account.invoker[each.value.invoker].member
}

# --- Pub/Sub service agent: push authentication and dead-lettering ---

# Mints the OIDC tokens push subscriptions present to the functions.
resource "google_service_account_iam_member" "pubsub_token_creator" {
  service_account_id = google_service_account.invoker["pubsub"].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent
}

# --- Firebase custom tokens: the auth function (login runtime) signs them as itself ---

# POST /api/auth/login mints a Firebase Auth custom token through the IAM Credentials API signJwt,
# so no service-account key exists anywhere; the grant is on its own account only.
resource "google_service_account_iam_member" "login_signs_custom_tokens" {
  service_account_id = google_service_account.runtime["login"].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = google_service_account.runtime["login"].member
}

# Dead-lettering forwards a message to the DLQ topic and acks it on the source subscription,
# so the agent needs publisher on every DLQ topic and subscriber on every source subscription.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = google_pubsub_topic.dead_letter

  topic  = each.value.name
  role   = "roles/pubsub.publisher"
  member = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_source_subscriber" {
  for_each = google_pubsub_subscription.push

  subscription = each.value.name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

# --- build identity (the documented minimum instead of roles/cloudbuild.builds.builder) ---

resource "google_project_iam_member" "build_log_writer" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = google_service_account.build.member
}

resource "google_artifact_registry_repository_iam_member" "build_writer" {
  location   = google_artifact_registry_repository.functions.location
  repository = google_artifact_registry_repository.functions.name
  role       = "roles/artifactregistry.writer"
  member     = google_service_account.build.member
}

resource "google_storage_bucket_iam_member" "build_source_reader" {
  bucket = var.source_bucket
  role   = "roles/storage.objectViewer"
  member = google_service_account.build.member
}
