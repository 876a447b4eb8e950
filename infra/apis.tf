locals {
  services = toset([
    "aiplatform.googleapis.com",
    "artifactregistry.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "cloudscheduler.googleapis.com",
    "firebase.googleapis.com",
    "firebasehosting.googleapis.com",
    "firebaserules.googleapis.com",
    "firestore.googleapis.com",
    "geocoding-backend.googleapis.com", # Geocoding API: customers' addresses (LG_MAPS_API_KEY)
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "identitytoolkit.googleapis.com",
    "monitoring.googleapis.com",
    "pubsub.googleapis.com",
    "routes.googleapis.com", # Routes API: road travel times for optimizeRoutes (LG_MAPS_API_KEY)
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
  ])
}

resource "google_project_service" "enabled" {
  for_each = local.services

  service = each.value

  # Turning an API off on destroy would break anything else in the project using it.
  disable_on_destroy = false
}

# Firebase on the project: Hosting and Authentication (ID tokens verified by the functions).
resource "google_firebase_project" "this" {
  provider = google-beta
  project  = var.project_id

  depends_on = [google_project_service.enabled]
}

# The Pub/Sub service agent signs push OIDC tokens and moves messages to dead-letter topics;
# asking for it here makes sure it exists before IAM names it.
resource "google_project_service_identity" "pubsub" {
  provider = google-beta
  project  = var.project_id
  service  = "pubsub.googleapis.com"

  depends_on = [google_project_service.enabled]
}
