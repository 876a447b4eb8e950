locals {
  # Job => schedule (Asia/Taipei). Each is POSTed to /api/jobs/<job> on the jobs function,
  # which must be idempotent: Scheduler retries, and a rerun must create nothing twice.
  scheduled_jobs = {
    "sweep-outbox" = {
      description = "Republish outbox events left unpublished after a crash"
      schedule    = "*/5 * * * *", attempt_deadline = "240s", retry_count = 0 # the next run is the retry
    }
    "materialize-recurring" = {
      description = "Materialise recurring orders ahead of time"
      schedule    = "0 1 * * *", attempt_deadline = "900s", retry_count = 3
    }
    "nightly-forecast" = {
      description = "Refresh next-refill predictions and create suggested orders"
      schedule    = "0 2 * * *", attempt_deadline = "1800s", retry_count = 3
    }
    "score-churn" = {
      description = "Score churn risk per customer"
      schedule    = "30 2 * * *", attempt_deadline = "900s", retry_count = 3
    }
    "receivables" = {
      description = "Work out account customers' balances and aging (應收帳款)"
      schedule    = "30 3 * * *", attempt_deadline = "900s", retry_count = 3
    }
    "closure-reminders" = {
      description = "Remind customers who may run out during a closure within 7 days to order before it"
      schedule    = "0 9 * * *", attempt_deadline = "900s", retry_count = 3
    }
    "monthly-invoices" = {
      # Every evening: on a month's last day it invoices that month, dated in it; on other days it catches up a failed run.
      # Then it issues any delivered order's own invoice still missing (an event dead-lettered, a delivery racing the run).
      description = "Issue the e-invoices of orders on account (月結發票) on a month's last evening, and any order's missing own invoice"
      schedule    = "30 22 * * *", attempt_deadline = "1800s", retry_count = 3
    }
    "einvoice-uploads-overdue" = {
      description = "Alert when an e-invoice message waits over 24 h for the MOF platform (Turnkey upload, 上傳財政部)"
      schedule    = "0 8 * * *", attempt_deadline = "300s", retry_count = 3
    }
    "einvoice-blank-numbers" = {
      # Daily: the first run after a period's end (06:00 on the 1st) queues its E0402, later runs find it done; the MOF
      # wants it by the 10th, so a failed day still leaves nine.
      description = "Queue the MOF report of an ended period's unused invoice numbers (空白未使用字軌號碼, E0402)"
      schedule    = "0 6 * * *", attempt_deadline = "300s", retry_count = 3
    }
    "payment-reminders" = {
      description = "Remind account customers of balances past due (催款), after the receivables run"
      schedule    = "0 10 * * *", attempt_deadline = "900s", retry_count = 3
    }
    "safety-reminders" = {
      description = "Tell customers their safety inspection is due within 14 days or overdue (安全檢查通知), once per due day"
      schedule    = "30 9 * * *", attempt_deadline = "900s", retry_count = 3
    }
    "train-models" = {
      description = "Retrain demand and churn models; activate only if not worse"
      schedule    = "0 3 * * 0", attempt_deadline = "1800s", retry_count = 1
    }
  }

  jobs_uri = google_cloudfunctions2_function.fn["jobs"].service_config[0].uri
  # The audience of the jobs' OIDC tokens, which the jobs function checks (LG_SCHEDULER_AUDIENCE, functions.tf). Any
  # string will do; a fixed one, not the function's URI, lets the function be configured before its URI exists.
  scheduler_audience = "lucky-gas-jobs"
}

resource "google_cloud_scheduler_job" "job" {
  for_each = local.scheduled_jobs

  name             = each.key
  region           = var.region
  description      = each.value.description
  schedule         = each.value.schedule
  time_zone        = "Asia/Taipei"
  attempt_deadline = each.value.attempt_deadline

  retry_config {
    retry_count          = each.value.retry_count
    min_backoff_duration = "60s"
    max_backoff_duration = "900s"
  }

  http_target {
    http_method = "POST"
    uri         = "${local.jobs_uri}/api/jobs/${each.key}"
    headers     = { "Content-Type" = "application/json" }
    body        = base64encode("{}")

    oidc_token {
      service_account_email = google_service_account.invoker["scheduler"].email
      audience              = local.scheduler_audience
    }
  }

  depends_on = [google_cloud_run_service_iam_member.invoker]
}
