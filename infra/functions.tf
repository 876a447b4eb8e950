locals {
  function_defaults = {
    runtime         = "api"    # key of google_service_account.runtime the function runs as; functions sharing one list the same secrets
    invoker         = "public" # "public" (through Hosting or Cloud Scheduler, app-level JWT auth) or "pubsub"
    cloudevent      = false    # registered with functions-framework cloudEvent() rather than http()
    timeout_seconds = 60
    memory          = "512Mi"
    cpu             = "1"
    min_instances   = 0
    max_instances   = 20
    concurrency     = 40
    secrets         = [] # keys of local.secrets exposed as environment variables (deployment.test.ts checks who reads them)
    env             = {} # this function's own settings on top of local.function_env
  }

  # One entry per deployed function; the key is both the deployed name and the name the
  # function registers with functions-framework (functions/src/functions/index.ts).
  function_specs = {
    auth        = { runtime = "login" } # 忘記密碼 / 開通帳號 codes are texted by sendCodes: the login identity reads no messaging secret
    health      = {}
    openapi     = {}
    customers   = { runtime = "api-customers", secrets = ["LG_MAPS_API_KEY"] } # geocodes addresses, also on import
    orders      = {}
    prices      = {}
    closures    = {}
    optimize    = {}
    routes      = { runtime = "api-routes", secrets = ["LG_MAPS_API_KEY"] } # re-times edited drafts on road travel times
    driver      = {}
    predictions = {}
    users       = { runtime = "admin" }
    fleet       = {}
    statements  = {}
    settlements = {}
    reports     = {}
    books       = {} # 關帳日
    payments    = {} # 收款明細
    # The office's 催款 reminder, sent at once; the month-end 帳齡表 works every customer's line out as the nightly run does.
    receivables          = { runtime = "api-receivables", timeout_seconds = 300, secrets = ["LG_LINE_CHANNEL_TOKEN", "LG_SMS_API_KEY"] }
    "cylinder-stock"     = {}
    cylinders            = {}
    "safety-inspections" = {}
    "service-calls"      = {}                    # 報修
    announcements        = {}                    # 公告
    "audit-log"          = { runtime = "admin" } # 稽核紀錄, admins only: reads the accounts' display names like users
    # Voids e-invoices at ECPay when it is the issuer.
    invoices = { runtime = "api-invoices", secrets = ["LG_EINVOICE_HASH_IV", "LG_EINVOICE_HASH_KEY", "LG_INVOICE_QR_AES_KEY"] }
    # The nightly closure and payment reminders go out by LINE / SMS like the consumers' notifications; the monthly
    # e-invoices are issued at ECPay when it is the issuer.
    # Public like the API, so admins reach /api/jobs through Hosting and Cloud Scheduler's OIDC token arrives as signed
    # (Cloud Run strips the signature of a token its own invoker check verified); the function checks that token itself.
    jobs = {
      runtime = "api-messaging", timeout_seconds = 1800, memory = "1Gi", concurrency = 4, max_instances = 3, secrets = ["LG_EINVOICE_HASH_IV", "LG_EINVOICE_HASH_KEY", "LG_LINE_CHANNEL_TOKEN", "LG_SMS_API_KEY"]
      env     = { LG_SCHEDULER_AUDIENCE = local.scheduler_audience, LG_SCHEDULER_SERVICE_ACCOUNT = google_service_account.invoker["scheduler"].email }
    }

    # HTTP, not event-triggered: event functions stop at 540 s, HTTP ones may run 3600 s.
    # One solve per instance, so the solver gets the whole CPU pair.
    # The Maps key asks the Routes API for road travel times (straight lines without it).
    optimizeRoutes = {
      runtime = "optimizer", invoker = "pubsub", timeout_seconds = 3600, memory = "2Gi", cpu = "2", concurrency = 1, max_instances = 5, secrets = ["LG_MAPS_API_KEY"]
    }

    notifyCustomer = {
      runtime = "consumers-messaging", invoker = "pubsub", cloudevent = true, secrets = ["LG_LINE_CHANNEL_TOKEN", "LG_SMS_API_KEY"]
    }
    notifyDelays = {
      runtime = "consumers-messaging", invoker = "pubsub", cloudevent = true, secrets = ["LG_LINE_CHANNEL_TOKEN", "LG_SMS_API_KEY"]
    }
    notifyPayments = {
      runtime = "consumers-messaging", invoker = "pubsub", cloudevent = true, secrets = ["LG_LINE_CHANNEL_TOKEN", "LG_SMS_API_KEY"]
    }
    # 調價通知: every customer who buys the size, once per price entry.
    notifyPriceChange = {
      runtime = "consumers-messaging", invoker = "pubsub", cloudevent = true, timeout_seconds = 300, secrets = ["LG_LINE_CHANNEL_TOKEN", "LG_SMS_API_KEY"]
    }
    # 報修通知: the customer hears when someone is sent to their call and how it ended.
    notifyServiceCalls = {
      runtime = "consumers-messaging", invoker = "pubsub", cloudevent = true, secrets = ["LG_LINE_CHANNEL_TOKEN", "LG_SMS_API_KEY"]
    }
    # 公告: one announcement to every customer it is for, a page of customers at a time.
    notifyAnnouncements = {
      runtime = "consumers-messaging", invoker = "pubsub", cloudevent = true, timeout_seconds = 300, secrets = ["LG_LINE_CHANNEL_TOKEN", "LG_SMS_API_KEY"]
    }
    # Texts the 忘記密碼 / 開通帳號 codes the auth endpoints announce.
    sendCodes = {
      runtime = "consumers-messaging", invoker = "pubsub", cloudevent = true, secrets = ["LG_LINE_CHANNEL_TOKEN", "LG_SMS_API_KEY"]
    }
    # Issues each delivered order's e-invoice (ECPay when it is the issuer).
    issueInvoices = {
      runtime = "consumers-invoicing", invoker = "pubsub", cloudevent = true, secrets = ["LG_EINVOICE_HASH_IV", "LG_EINVOICE_HASH_KEY"]
    }
    # Gives a posted price to the open orders it covers, each with its order.updated event.
    repriceOrders  = { runtime = "consumers-orders", invoker = "pubsub", cloudevent = true, timeout_seconds = 300 }
    reportCounters = { runtime = "consumers", invoker = "pubsub", cloudevent = true }
    systemAlerts   = { runtime = "consumers", invoker = "pubsub", cloudevent = true }

    # 配送追蹤: writes each waiting order's share of its route (orderTracking) as the route moves on.
    trackOrders = { runtime = "consumers", invoker = "pubsub", cloudevent = true }
  }

  functions = { for name, spec in local.function_specs : name => merge(local.function_defaults, spec) }

  # Read by functions/src/config/load-config.ts; optional settings are left out when empty.
  function_env = merge(
    {
      LG_AUTH_MODE       = "firebase"
      LG_PROJECT_ID      = var.project_id
      LG_VERTEX_LOCATION = var.region
      LG_APP_VERSION     = var.app_version
      LOG_EXECUTION_ID   = "true"
      # The gateways the messaging functions send by, for auth and customers, which say so but hold no messaging secret:
      # LINE's token is always given to them (its secret's value is added out of band), SMS only with its endpoint.
      LG_NOTIFY_CHANNELS = join(",", concat(["line"], var.sms_api_url != "" ? ["sms"] : []))
      # Signs the login's Firebase custom tokens (the auth function runs as the login account).
      LG_FIREBASE_TOKEN_SIGNER = google_service_account.runtime["login"].email
    },
    {
      for k, v in {
        LG_VERTEX_ENDPOINT        = local.vertex_endpoint, LG_SMS_API_URL = var.sms_api_url,
        LG_EINVOICE_MERCHANT_ID   = var.einvoice_merchant_id, LG_EINVOICE_API_URL = var.einvoice_api_url,
        LG_INVOICE_SELLER_TAX_ID  = var.invoice_seller_tax_id, LG_INVOICE_SELLER_NAME = var.invoice_seller_name,
        LG_INVOICE_SELLER_ADDRESS = var.invoice_seller_address,
      } : k => v if v != ""
    },
  )
}

# Our own image repository, so old function images are cleaned up instead of piling up in
# the default gcf-artifacts repository.
resource "google_artifact_registry_repository" "functions" {
  location      = var.region
  repository_id = "functions"
  format        = "DOCKER"
  description   = "Container images built from the functions package"

  cleanup_policy_dry_run = false

  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"
    most_recent_versions {
      keep_count = 10
    }
  }

  cleanup_policies {
    id     = "delete-old"
    action = "DELETE"
    condition {
      older_than = "2592000s" # 30 days
    }
  }

  depends_on = [google_project_service.enabled]
}

resource "google_cloudfunctions2_function" "fn" {
  for_each = local.functions

  name     = each.key
  location = var.region

  build_config {
    runtime           = "nodejs20"
    entry_point       = each.key
    service_account   = google_service_account.build.id
    docker_repository = google_artifact_registry_repository.functions.id

    source {
      storage_source {
        bucket = var.source_bucket
        object = var.source_object
      }
    }
  }

  service_config {
    service_account_email            = google_service_account.runtime[each.value.runtime].email
    timeout_seconds                  = each.value.timeout_seconds
    available_memory                 = each.value.memory
    available_cpu                    = each.value.cpu
    min_instance_count               = each.value.min_instances
    max_instance_count               = each.value.max_instances
    max_instance_request_concurrency = each.value.concurrency
    all_traffic_on_latest_revision   = true
    # Pub/Sub push in the same project counts as internal traffic.
    ingress_settings      = each.value.invoker == "public" ? "ALLOW_ALL" : "ALLOW_INTERNAL_ONLY"
    environment_variables = merge(local.function_env, each.value.env)

    dynamic "secret_environment_variables" {
      for_each = toset(each.value.secrets)
      content {
        key        = secret_environment_variables.value
        project_id = var.project_id
        secret     = google_secret_manager_secret.app[secret_environment_variables.value].secret_id
        version    = "latest"
      }
    }
  }

  depends_on = [
    google_project_service.enabled,
    google_project_iam_member.build_log_writer,
    google_artifact_registry_repository_iam_member.build_writer,
    google_storage_bucket_iam_member.build_source_reader,
    google_secret_manager_secret_iam_member.accessor,
  ]
}
