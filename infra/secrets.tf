locals {
  # Environment variable => Secret Manager secret id. Terraform owns the secrets and who may
  # read them; the values are added out of band (see README) so they never enter state.
  secrets = {
    LG_LINE_CHANNEL_TOKEN = var.line_channel_token_secret
    LG_SMS_API_KEY        = var.sms_api_key_secret
    LG_MAPS_API_KEY       = var.maps_api_key_secret
    LG_EINVOICE_HASH_KEY  = var.einvoice_hash_key_secret
    LG_EINVOICE_HASH_IV   = var.einvoice_hash_iv_secret
    LG_INVOICE_QR_AES_KEY = var.invoice_qr_aes_key_secret
  }
}

resource "google_secret_manager_secret" "app" {
  for_each = local.secrets

  secret_id = each.value

  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }

  depends_on = [google_project_service.enabled]
}
