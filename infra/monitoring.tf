resource "google_monitoring_notification_channel" "email" {
  display_name = "Lucky Gas on-call (${var.environment})"
  type         = "email"

  labels = {
    email_address = var.alert_email
  }

  depends_on = [google_project_service.enabled]
}

# A message in any dead-letter topic means an event exhausted its retries: someone must look
# (`gcloud pubsub subscriptions pull <topic>-dlq-inspect`) and replay or discard it.
resource "google_monitoring_alert_policy" "dead_letters" {
  display_name          = "Dead-lettered Pub/Sub messages (${var.environment})"
  combiner              = "OR"
  notification_channels = [google_monitoring_notification_channel.email.id]

  conditions {
    display_name = "Undelivered messages in a -dlq-inspect subscription"

    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND metric.type = \"pubsub.googleapis.com/subscription/num_undelivered_messages\" AND resource.label.subscription_id = monitoring.regex.full_match(\".*-dlq-inspect\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"

      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "An event failed every delivery attempt. Inspect it with `gcloud pubsub subscriptions pull <topic>-dlq-inspect --project ${var.project_id}`, fix the cause, then republish it to the source topic."
  }
}

# Server errors from any function (Cloud Run revision metrics cover 2nd gen functions).
resource "google_monitoring_alert_policy" "function_errors" {
  display_name          = "Function 5xx responses (${var.environment})"
  combiner              = "OR"
  notification_channels = [google_monitoring_notification_channel.email.id]

  conditions {
    display_name = "5xx rate above 1 per minute for 5 minutes"

    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"run.googleapis.com/request_count\" AND metric.label.response_code_class = \"5xx\""
      comparison      = "COMPARISON_GT"
      threshold_value = 1
      duration        = "300s"

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_DELTA" # requests per alignment period
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.label.service_name"]
      }
    }
  }
}

# A scheduled job whose run failed: refused (401: the jobs function does not accept the scheduler's token, and every
# run after it fails the same way), 5xx (the reminder jobs answer 503 for Scheduler to retry) or past its deadline.
# The 5xx alert above counts rates, so a nightly job failing once a night, or a 401, would otherwise go unseen.
resource "google_monitoring_alert_policy" "scheduled_job_failures" {
  display_name          = "Scheduled job failed (${var.environment})"
  combiner              = "OR"
  notification_channels = [google_monitoring_notification_channel.email.id]

  conditions {
    display_name = "A Cloud Scheduler attempt finished with an error"

    condition_matched_log {
      # Scheduler logs every attempt; a failed one (AttemptFinished with the target's status) at ERROR.
      filter           = "resource.type = \"cloud_scheduler_job\" AND severity >= ERROR"
      label_extractors = { job = "EXTRACT(resource.labels.job_id)" }
    }
  }

  alert_strategy {
    # sweep-outbox runs every 5 minutes: one mail an hour says it keeps failing.
    notification_rate_limit {
      period = "3600s"
    }
    auto_close = "86400s"
  }

  documentation {
    mime_type = "text/markdown"
    content   = "A scheduled job failed. `gcloud logging read 'resource.type=\"cloud_scheduler_job\" AND severity>=ERROR' --project ${var.project_id} --limit 20` names the job and its `httpRequest.status`: 401 means the jobs function refused the scheduler's token (its LG_SCHEDULER_AUDIENCE and LG_SCHEDULER_SERVICE_ACCOUNT against the `oidc_token` of infra/scheduler.tf); 503 a provider the job needs was down (Scheduler retries; every job is idempotent). Run it again by hand with `gcloud scheduler jobs run <job> --location ${var.region}`."
  }
}

# The product as users reach it: Hosting's /api rewrite to `health`, which answers 503 when Firestore or Pub/Sub is
# unreachable. Function metrics alone miss a broken rewrite, domain or certificate, and a function that is never called.
resource "google_monitoring_uptime_check_config" "api_health" {
  display_name = "API health (${var.environment})"
  period       = "300s"
  timeout      = "10s"
  checker_type = "STATIC_IP_CHECKERS"

  http_check {
    path         = "/api/health"
    port         = 443
    use_ssl      = true
    validate_ssl = true

    accepted_response_status_codes {
      status_class = "STATUS_CLASS_2XX"
    }
  }

  monitored_resource {
    type = "uptime_url"
    labels = {
      project_id = var.project_id
      host       = var.public_host != "" ? var.public_host : "${var.project_id}.web.app"
    }
  }

  depends_on = [google_project_service.enabled]
}

resource "google_monitoring_alert_policy" "api_down" {
  display_name          = "API health failing (${var.environment})"
  combiner              = "OR"
  notification_channels = [google_monitoring_notification_channel.email.id]

  conditions {
    display_name = "/api/health failed from two or more regions for 10 minutes"

    condition_threshold {
      filter          = "resource.type = \"uptime_url\" AND metric.type = \"monitoring.googleapis.com/uptime_check/check_passed\" AND metric.label.check_id = \"${google_monitoring_uptime_check_config.api_health.uptime_check_id}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 1
      duration        = "600s"

      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_NEXT_OLDER"
        cross_series_reducer = "REDUCE_COUNT_FALSE"
        group_by_fields      = ["resource.label.host"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Users cannot reach the API. `curl https://<host>/api/health` shows which dependency is down (`checks`); a 404 or TLS error points at Hosting or the domain instead."
  }
}
