resource "google_firestore_database" "default" {
  name        = "(default)"
  location_id = var.firestore_location
  type        = "FIRESTORE_NATIVE"

  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  # The business record outlives this configuration: `terraform destroy` leaves the data.
  deletion_policy = "ABANDON"

  depends_on = [google_project_service.enabled]
}

locals {
  # Collection group => timestamp field after which Firestore deletes the document.
  ttl_fields = {
    idempotency     = "expiresAt" # stored responses for Idempotency-Key replays
    processedEvents = "expiresAt" # consumer de-duplication records
    # 稽核紀錄, kept 7 years (AUDIT_RETENTION_YEARS, functions/src/domain/audit/entry.ts): 商業會計法 §38's five years
    # for vouchers counted from the year's closing, and 稅捐稽徵法 §21's seven-year assessment period for evaded tax.
    auditLog = "expiresAt"
    # The orders taken off a depot's drafts of a day, kept 60 days after it (REMOVED_STOPS_KEPT_DAYS,
    # functions/src/domain/routes/edit.ts): the planning page reads a day only until it is planned.
    removedStops = "expiresAt"
    # Refused sign-ins (登入失敗紀錄), kept 90 days (SIGN_IN_FAILURES_KEPT_DAYS, functions/src/domain/users/sign-in-failure.ts).
    signInFailures = "expiresAt"
    # Published events, kept 30 days after publishing (EVENT_TRACES_KEPT_DAYS, functions/src/domain/events.ts), as long as
    # the processedEvents records of them; an entry not yet published has no expiresAt and stays for the sweeper.
    outbox = "expiresAt"
  }
}

resource "google_firestore_field" "ttl" {
  for_each = local.ttl_fields

  database   = google_firestore_database.default.name
  collection = each.key
  field      = each.value

  ttl_config {}

  # Nothing queries these timestamps; an index on a monotonically rising field only adds
  # write cost and hotspots.
  index_config {}
}

# Scheduled backups on top of PITR's 7 days: a daily one kept the week (the longest Firestore keeps a daily backup) and
# a weekly one kept 14 weeks (its longest), so a corruption found after a bimonthly VAT period (the 401 return is filed
# by the 15th after it) can still be restored from before it. One schedule of each kind is all a database may have.
resource "google_firestore_backup_schedule" "daily" {
  database  = google_firestore_database.default.name
  retention = "604800s" # 7 days

  daily_recurrence {}
}

resource "google_firestore_backup_schedule" "weekly" {
  database  = google_firestore_database.default.name
  retention = "8467200s" # 14 weeks

  weekly_recurrence {
    day = "SUNDAY"
  }
}
