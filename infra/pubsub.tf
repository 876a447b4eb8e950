locals {
  # Mirrors TOPICS in functions/src/domain/events.ts, plus the work queue of optimizeRoutes.
  topics = toset([
    "order-events",
    "route-events",
    "driver-events",
    "notifications",
    "system-alerts",
    "optimization-requests",
    "price-events",
  ])

  # Which function each topic is pushed to, named `<function>--<topic>` as
  # functions/src/adapters/pubsub/subscriptions.ts names them, so the local stack and
  # production share one topology. `filter` matches the envelope's `type` attribute.
  subscriptions = {
    "notifyCustomer--order-events" = {
      function = "notifyCustomer", topic = "order-events", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10
    }
    "notifyDelays--route-events" = {
      function = "notifyDelays", topic = "route-events", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10
    }
    # 配送追蹤: each waiting order's stops before it, driver and time, for the portal's card.
    "trackOrders--route-events" = {
      function = "trackOrders", topic = "route-events", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10
    }
    "notifyPayments--notifications" = {
      function = "notifyPayments", topic = "notifications", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10
    }
    # One event tells every customer who buys the size, a few at a time: longer than a receipt.
    "notifyPriceChange--notifications" = {
      function = "notifyPriceChange", topic = "notifications", filter = null, ack_deadline_seconds = 300, max_delivery_attempts = 10
    }
    # 報修通知: someone sent to a customer's call, and how it ended.
    "notifyServiceCalls--notifications" = {
      function = "notifyServiceCalls", topic = "notifications", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10
    }
    # 公告: one event tells every customer of the audience, a page at a time: as long as a price notice.
    "notifyAnnouncements--notifications" = {
      function = "notifyAnnouncements", topic = "notifications", filter = null, ack_deadline_seconds = 300, max_delivery_attempts = 10
    }
    # 忘記密碼 / 開通帳號 codes: texted here, not by the auth endpoint, so the form's answer takes as long whoever is named.
    "sendCodes--notifications" = {
      function = "sendCodes", topic = "notifications", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10
    }
    # A posted price re-prices every open order it covers, one transaction each: longer than one order's event.
    "repriceOrders--price-events" = {
      function = "repriceOrders", topic = "price-events", filter = null, ack_deadline_seconds = 300, max_delivery_attempts = 10
    }
    "issueInvoices--order-events" = {
      function = "issueInvoices", topic = "order-events", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10
    }
    "reportCounters--order-events" = {
      function = "reportCounters", topic = "order-events", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10
    }
    "reportCounters--driver-events" = {
      function = "reportCounters", topic = "driver-events", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10
    }
    "systemAlerts--order-events" = {
      function = "systemAlerts", topic = "order-events", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10
    }
    "systemAlerts--system-alerts" = {
      function = "systemAlerts", topic = "system-alerts", filter = null, ack_deadline_seconds = 60, max_delivery_attempts = 10
    }
    # Pub/Sub's longest ack deadline: a push is answered when the solve ends, so the
    # deadline bounds how long a run may take before Pub/Sub redelivers (see README).
    "optimizeRoutes--optimization-requests" = {
      function = "optimizeRoutes", topic = "optimization-requests", filter = null, ack_deadline_seconds = 600, max_delivery_attempts = 5
    }
  }

  message_retention = "604800s" # 7 days: long enough to replay a week of events after an incident
}

resource "google_pubsub_topic" "main" {
  for_each = local.topics

  name                       = each.value
  message_retention_duration = local.message_retention

  depends_on = [google_project_service.enabled]
}

resource "google_pubsub_topic" "dead_letter" {
  for_each = local.topics

  name                       = "${each.value}-dlq"
  message_retention_duration = local.message_retention

  depends_on = [google_project_service.enabled]
}

# A pull subscription per dead-letter topic so that failed messages stay readable
# (`gcloud pubsub subscriptions pull <topic>-dlq-inspect`) and can be replayed by hand.
resource "google_pubsub_subscription" "dead_letter_inspect" {
  for_each = local.topics

  name                       = "${each.value}-dlq-inspect"
  topic                      = google_pubsub_topic.dead_letter[each.value].id
  message_retention_duration = local.message_retention
  ack_deadline_seconds       = 60

  expiration_policy {
    ttl = "" # never expire, however long it sits unused
  }
}

# Push subscriptions that deliver events to functions: OIDC-authenticated, retried with
# exponential back-off, and dead-lettered after max_delivery_attempts.
resource "google_pubsub_subscription" "push" {
  for_each = local.subscriptions

  name                       = each.key
  topic                      = google_pubsub_topic.main[each.value.topic].id
  filter                     = each.value.filter
  ack_deadline_seconds       = each.value.ack_deadline_seconds
  message_retention_duration = local.message_retention

  push_config {
    # functions-framework turns a raw Pub/Sub push into a CloudEvent and takes the topic
    # name from the path; HTTP functions are pushed to their root.
    push_endpoint = join("", [
      google_cloudfunctions2_function.fn[each.value.function].service_config[0].uri,
      local.functions[each.value.function].cloudevent ? "/projects/${var.project_id}/topics/${each.value.topic}" : "/",
    ])

    oidc_token {
      service_account_email = google_service_account.invoker["pubsub"].email
      audience              = google_cloudfunctions2_function.fn[each.value.function].service_config[0].uri
    }
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter[each.value.topic].id
    max_delivery_attempts = each.value.max_delivery_attempts
  }

  expiration_policy {
    ttl = ""
  }

  depends_on = [
    google_pubsub_topic_iam_member.dead_letter_publisher,
    google_service_account_iam_member.pubsub_token_creator,
  ]
}
