/**
 * Kubernetes manifests (multi-document YAML, read with Jackson YAML under strict limits): the
 * container images every workload runs, with the line each reference stands on.
 */
package org.sovaudit.parse.k8s;
