output "function_uris" {
  description = "Function name => Cloud Run URI (Hosting rewrites reach the public ones by name)."
  value       = { for name, fn in google_cloudfunctions2_function.fn : name => fn.service_config[0].uri }
}

output "topics" {
  description = "Topic => its dead-letter topic."
  value       = { for name, topic in google_pubsub_topic.main : name => google_pubsub_topic.dead_letter[name].name }
}

output "dead_letter_subscriptions" {
  description = "Pull subscriptions to inspect dead-lettered messages, by source topic."
  value       = { for name, sub in google_pubsub_subscription.dead_letter_inspect : name => sub.name }
}

output "push_subscriptions" {
  description = "Subscriptions pushing events to functions."
  value       = keys(google_pubsub_subscription.push)
}

output "scheduler_jobs" {
  description = "Scheduler job => schedule (Asia/Taipei)."
  value       = { for name, job in google_cloud_scheduler_job.job : name => job.schedule }
}

output "service_accounts" {
  description = "Every service account this configuration created, by role."
  value = merge(
    { for k, sa in google_service_account.runtime : "runtime/${k}" => sa.email },
    { for k, sa in google_service_account.invoker : "invoker/${k}" => sa.email },
    { build = google_service_account.build.email },
  )
}

output "firestore_database" {
  description = "Firestore database name and location."
  value       = "${google_firestore_database.default.name} (${google_firestore_database.default.location_id})"
}

output "secrets" {
  description = "Secrets whose values must be added out of band before functions start."
  value       = [for s in google_secret_manager_secret.app : s.secret_id]
}
