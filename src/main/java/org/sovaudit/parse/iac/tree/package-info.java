/**
 * Line-keeping trees of YAML and JSON documents, read with Jackson under strict limits: the shared
 * reader of every structured-configuration parser (Kubernetes, compose, cloud-init, SBOM, AI settings).
 */
package org.sovaudit.parse.iac.tree;
