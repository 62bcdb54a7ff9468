package org.sovaudit.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build of the appliance. */
public final class Appliance {

    private static final String VERSION = load();

    private Appliance() {
    }

    /** The release version, e.g. {@code 0.1.0}. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Appliance.class.getResourceAsStream("/sovaudit.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
