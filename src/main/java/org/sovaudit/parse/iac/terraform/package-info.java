/**
 * Terraform and OpenTofu configurations ({@code .tf}, {@code .tofu}), read with hcl4j hardened so
 * that no data source or function runs: required providers, provider blocks and their regions.
 */
package org.sovaudit.parse.iac.terraform;
