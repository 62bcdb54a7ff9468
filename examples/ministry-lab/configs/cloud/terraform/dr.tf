# Disaster recovery copy of the registry database, AWS Cape Town.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  alias  = "dr"
  region = "af-south-1"
}

resource "aws_s3_bucket" "registry_backups" {
  provider = aws.dr
  bucket   = "mldr-registry-backups-dr"
}
