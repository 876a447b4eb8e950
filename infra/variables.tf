variable "project_id" {
  description = "The Google Cloud / Firebase project that hosts one environment."
  type        = string
}

variable "region" {
  description = "Region for functions, Pub/Sub-pushed work, Scheduler and Artifact Registry (Taiwan)."
  type        = string
  default     = "asia-east1"
}

variable "firestore_location" {
  description = "Firestore location; cannot change after creation. asia-east1 keeps data in Taiwan."
  type        = string
  default     = "asia-east1"
}

variable "environment" {
  description = "Environment name used in labels (one project per environment)."
  type        = string
  default     = "prod"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging, prod."
  }
}

variable "source_bucket" {
  description = "Existing bucket holding the zipped functions package (built and uploaded before apply)."
  type        = string
}

variable "source_object" {
  description = "Object name of the zipped functions package; a new name per build triggers a redeploy."
  type        = string
}

variable "app_version" {
  description = "Version reported by /api/health (LG_APP_VERSION), e.g. the git commit of the build."
  type        = string
  default     = "unversioned"
}

variable "alert_email" {
  description = "Where dead-letter and function-error alerts are sent."
  type        = string
}

variable "public_host" {
  description = "The host the SPA and /api are served on (a custom domain); empty: Firebase Hosting's <project_id>.web.app. The uptime check probes https://<host>/api/health."
  type        = string
  default     = ""
}

variable "vertex_endpoint_id" {
  description = "Vertex AI endpoint id for demand predictions; empty means the local model serves alone."
  type        = string
  default     = ""
}

variable "line_channel_token_secret" {
  description = "Secret Manager secret id holding the LINE Messaging API channel access token."
  type        = string
  default     = "line-channel-token"
}

variable "sms_api_key_secret" {
  description = "Secret Manager secret id holding the SMS gateway API key."
  type        = string
  default     = "sms-api-key"
}

variable "maps_api_key_secret" {
  description = "Secret Manager secret id holding the Google Maps Platform API key (LG_MAPS_API_KEY: Geocoding API, and the Routes API once the optimizer uses it)."
  type        = string
  default     = "maps-api-key"
}

variable "einvoice_hash_key_secret" {
  description = "Secret Manager secret id holding ECPay's e-invoice HashKey (LG_EINVOICE_HASH_KEY, 16 characters)."
  type        = string
  default     = "einvoice-hash-key"
}

variable "einvoice_hash_iv_secret" {
  description = "Secret Manager secret id holding ECPay's e-invoice HashIV (LG_EINVOICE_HASH_IV, 16 characters)."
  type        = string
  default     = "einvoice-hash-iv"
}

variable "invoice_qr_aes_key_secret" {
  description = "Secret Manager secret id holding the seller's e-invoice QR AES key (LG_INVOICE_QR_AES_KEY, 32 hex digits from the MOF e-invoice platform), which signs the printed proofs' QR codes."
  type        = string
  default     = "invoice-qr-aes-key"
}

variable "invoice_seller_tax_id" {
  description = "The seller's 統一編號 as registered with the MOF e-invoice platform: printed on the proofs and named in the MIG messages the Turnkey machine uploads (LG_INVOICE_SELLER_TAX_ID)."
  type        = string
}

variable "invoice_seller_name" {
  description = "The seller's name as registered with the MOF e-invoice platform: on the proofs and in the MIG messages (LG_INVOICE_SELLER_NAME)."
  type        = string
}

variable "invoice_seller_address" {
  description = "The seller's registered address, named in the MIG messages (F0401 / G0401 Seller Address) the Turnkey machine uploads (LG_INVOICE_SELLER_ADDRESS)."
  type        = string
}

variable "einvoice_merchant_id" {
  description = "ECPay e-invoice merchant id (LG_EINVOICE_MERCHANT_ID); empty numbers invoices from the local 字軌 books (invoiceBooks/*)."
  type        = string
  default     = ""
}

variable "einvoice_api_url" {
  description = "ECPay e-invoice API base (LG_EINVOICE_API_URL); empty means production, https://einvoice.ecpay.com.tw (stage: https://einvoice-stage.ecpay.com.tw)."
  type        = string
  default     = ""
}

variable "sms_api_url" {
  description = "SMS gateway endpoint (LG_SMS_API_URL); empty disables SMS."
  type        = string
  default     = ""
}
