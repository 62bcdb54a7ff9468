# Land registry platform: primary site on Huawei Cloud (Johannesburg region).
terraform {
  required_version = ">= 1.6.0"

  required_providers {
    huaweicloud = {
      source  = "huaweicloud/huaweicloud"
      version = "~> 1.64"
    }
  }
}

provider "huaweicloud" {
  region     = "af-south-1"
  access_key = var.hw_access_key
  secret_key = var.hw_secret_key
}

variable "hw_access_key" {
  type      = string
  sensitive = true
}

variable "hw_secret_key" {
  type      = string
  sensitive = true
}

resource "huaweicloud_vpc" "registry" {
  name = "mldr-registry-vpc"
  cidr = "10.60.0.0/16"
}

resource "huaweicloud_obs_bucket" "title_scans" {
  bucket        = "mldr-title-deed-scans"
  storage_class = "STANDARD"
  acl           = "private"
}

resource "huaweicloud_rds_instance" "registry_db" {
  name              = "mldr-registry-db"
  flavor            = "rds.pg.n1.large.2"
  vpc_id            = huaweicloud_vpc.registry.id
  availability_zone = ["af-south-1a"]

  db {
    type    = "PostgreSQL"
    version = "14"
  }

  volume {
    type = "CLOUDSSD"
    size = 200
  }
}
