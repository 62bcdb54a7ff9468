/**
 * Kubernetes and Helm-rendered manifests (multi-document YAML, read with Jackson YAML under strict
 * limits): container images, storage provisioners, cloud annotations and ingress controllers.
 */
package org.sovaudit.parse.k8s;
