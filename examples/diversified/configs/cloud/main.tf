# Workloads on the ministry's own OpenStack.
terraform {
  required_providers {
    openstack = {
      source  = "terraform-provider-openstack/openstack"
      version = "~> 2.1"
    }
  }
}

provider "openstack" {
  auth_url = "https://keystone.moh-lab.go.ke:5000/v3"
  region   = "nairobi-1"
}

resource "openstack_compute_instance_v2" "his" {
  name      = "his-app-01"
  flavor_id = "m1.large"
}
