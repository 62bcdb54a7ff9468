/**
 * Software bills of materials: CycloneDX (JSON and XML, read into the CycloneDX library's model)
 * and SPDX 2.x JSON: the packages a system is built from, their suppliers, and the services it calls.
 */
package org.sovaudit.parse.sbom;
