terraform {
  required_providers {
    huaweicloud = {
      source  = "huaweicloud/huaweicloud"
      version = "~> 1.64"
    }
  }
}

provider "huaweicloud" {
  region = "af-south-1"
}

resource "huaweicloud_obs_bucket" "cargo_manifests" {
  bucket = "mdsd-cargo-manifests"
  acl    = "private"
}

resource "huaweicloud_cce_cluster" "portal" {
  name           = "mdsd-portal"
  flavor_id      = "cce.s2.small"
  container_network_type = "overlay_l2"
}
