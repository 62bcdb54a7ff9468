package org.sovaudit.evidence.bundle;

/** One file as manifest.json lists it. */
record ManifestFile(String name, String sha256, long size) {
}
