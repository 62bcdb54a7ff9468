package org.sovaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.audit.AuditException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationTest {

    @TempDir
    Path dir;

    private static int batch(Config c) {
        return c.get("model.batch-size").asInt().get();
    }

    @Test
    void profile_overridesApplicationYaml() {
        assertEquals(256, batch(Configuration.load(Map.of(), null, "default")));
        assertEquals(128, batch(Configuration.load(Map.of(), null, "arm-2gb")));
        assertEquals(1073741824L, Configuration.load(Map.of(), null, "arm-2gb").get("collect.max-total-bytes").asLong().get());
    }

    @Test
    void configFile_overridesProfile_andCommandLineOverridesBoth() throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, "model:\n  batch-size: 32\nprofile:\n  name: arm-2gb\n");
        Config fromFile = Configuration.load(Map.of(), file, null);
        assertEquals(32, batch(fromFile));
        assertEquals(2, fromFile.get("model.intra-op-threads").asInt().get(), "the file's profile supplies the rest");
        assertEquals(64, batch(Configuration.load(Map.of("model.batch-size", "64"), file, null)));
    }

    @Test
    void unknownOrHostileProfile_isRefusedByName() {
        AuditException unknown = assertThrows(AuditException.class, () -> Configuration.load(Map.of(), null, "cray-1"));
        assertTrue(unknown.getMessage().contains("unknown firmware profile 'cray-1'"), unknown.getMessage());
        AuditException hostile = assertThrows(AuditException.class,
                () -> Configuration.load(Map.of(), null, "../../etc/passwd"));
        assertTrue(hostile.getMessage().contains("invalid firmware profile name"), hostile.getMessage());
    }

    @Test
    void missingConfigFile_isNamed() {
        AuditException e = assertThrows(AuditException.class,
                () -> Configuration.load(Map.of(), dir.resolve("absent.yaml"), null));
        assertTrue(e.getMessage().contains("absent.yaml"), e.getMessage());
    }

    @Test
    void dataDir_commandLineWins() {
        Config c = Configuration.load(Map.of("store.data-dir", dir.toString()), null, null);
        assertEquals(dir, Configuration.dataDir(c));
    }
}
