package org.sovaudit.evidence.bundle;

import java.util.Map;

import org.sovaudit.evidence.bundle.BundleVerification.Check;
import org.sovaudit.model.Digests;

/** One file as manifest.json lists it. */
record ManifestFile(String name, String sha256, long size) {

    /**
     * The check that a bundle file is the one its manifest lists: present, listed, and of the listed
     * SHA-256 and size. {@code listed} is null when the bundle has no usable manifest.
     */
    static Check check(String checkName, String name, Map<String, ManifestFile> listed, Map<String, byte[]> files) {
        byte[] data = files.get(name);
        if (data == null) {
            return new Check(checkName, false, name + " is missing");
        }
        if (listed == null) {
            return new Check(checkName, false, "not checked: no usable manifest");
        }
        ManifestFile entry = listed.get(name);
        if (entry == null) {
            return new Check(checkName, false, name + " is not listed in the manifest");
        }
        String actual = Digests.sha256Hex(data);
        if (!entry.sha256().equals(actual)) {
            return new Check(checkName, false, "expected " + entry.sha256() + " (manifest), actual " + actual);
        }
        if (entry.size() != data.length) {
            return new Check(checkName, false, "expected " + entry.size() + " bytes (manifest), actual " + data.length);
        }
        return new Check(checkName, true, actual + ", " + data.length + " bytes");
    }
}
