package org.sovaudit.model;

import java.util.Locale;

/** Where a dependency stands relative to the policy's home and trusted jurisdictions. */
public enum JurisdictionClass {
    /** Under the home jurisdiction. */
    DOMESTIC,
    /** Under a jurisdiction the policy trusts (a regional bloc, say). */
    TRUSTED,
    /** Under any other jurisdiction. */
    FOREIGN,
    /** An international public-benefit service (NTP pool, root servers, academic mirrors). */
    INTERNATIONAL,
    /** An outside party whose jurisdiction we could not establish. */
    UNKNOWN,
    /** Not an outside party: a private address or an internal name. */
    INTERNAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this class names a party outside the ministry. */
    public boolean external() {
        return this != INTERNAL;
    }
}
