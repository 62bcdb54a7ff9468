/*
 * Analytics sandbox set up under the 2025 smart-land pilot.
 */
provider "alicloud" {
  region = "eu-central-1"
}

resource "alicloud_oss_bucket" "analytics" {
  bucket = "mldr-analytics-sandbox"
}
