# Shared names and settings. Each concern (APIs, data, messaging, compute, schedule, access,
# alerting) has its own file; this one holds only what several of them read.

locals {
  labels = {
    app         = "lucky-gas"
    environment = var.environment
  }

  # Full resource name, as the Vertex adapter passes it to PredictionServiceClient.
  vertex_endpoint = var.vertex_endpoint_id == "" ? "" : "projects/${var.project_id}/locations/${var.region}/endpoints/${var.vertex_endpoint_id}"
}
