terraform {
  required_version = ">= 1.6"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = "~> 6.0"
    }
  }

  # Partial configuration: the state bucket is per environment, given at init
  # (`terraform init -backend-config=bucket=... -backend-config=prefix=...`).
  backend "gcs" {}
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = local.labels
}

# Firebase and service-identity resources live in google-beta; they bill quota to the
# project itself rather than to the caller's client project.
provider "google-beta" {
  project               = var.project_id
  region                = var.region
  user_project_override = true
  billing_project       = var.project_id

  default_labels = local.labels
}
