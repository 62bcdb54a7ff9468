package org.sovaudit.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sovaudit.model.Attribution;
import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.Role;

/** A real ONNX Runtime session on the committed model. */
class OnnxAttributorTest {

    static final Path MODEL = Path.of("models", "attribution.onnx");
    static OnnxAttributor model;

    @BeforeAll
    static void load() {
        model = OnnxAttributor.loadDefault(1, 16);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static String pinnedSha256() throws IOException {
        return Files.readString(Path.of("models", "attribution.onnx.sha256"), StandardCharsets.US_ASCII).strip();
    }

    static List<Subject> mixedSubjects() {
        List<Subject> out = new ArrayList<>();
        String[] hosts = {"huaweicloud-dns.com", "aliyun-inc.com", "example-corp.net", "myqcloud.net", "foo.bar.baz",
                "api.green-harbor.org", "static.azure-portal.net", "telekom-cloud.org", "yandex-metrics.net"};
        for (String h : hosts) {
            out.add(new Subject(ObservationKind.HOSTNAME, h, Role.UNKNOWN));
        }
        out.add(new Subject(ObservationKind.CLOUD_REGION, "cn-hangzhou", Role.CLOUD_REGION));
        out.add(new Subject(ObservationKind.CLOUD_REGION, "eastus", Role.CLOUD_REGION, "azurerm"));
        out.add(new Subject(ObservationKind.PRODUCT, "S5731-H48T4XC V200R019", Role.NETWORK_DEVICE));
        out.add(new Subject(ObservationKind.AI_MODEL, "llama3.1:8b", Role.AI_MODEL));
        out.add(new Subject(ObservationKind.IP_ADDRESS, "41.203.18.7", Role.DNS_RESOLVER));
        out.add(new Subject(ObservationKind.URL, "https://downloads.example-vendor.io/agent.tar.gz", Role.PACKAGE_MIRROR));
        for (int i = 0; i < 20; i++) {
            out.add(new Subject(ObservationKind.HOSTNAME, "host" + i + ".cdn-" + i + ".net", Role.API_ENDPOINT));
        }
        return out;
    }

    @Test
    void loadDefault_readsClassesFromMetadata() {
        List<String> classes = model.classes();
        KnowledgeBase kb = KnowledgeBase.loadDefault();
        assertEquals(kb.groups().size() + 1, classes.size());
        assertEquals(OnnxAttributor.NONE, classes.getLast());
        for (Group g : kb.groups()) {
            assertTrue(classes.contains(g.id()), "class for group " + g.id());
        }
    }

    @Test
    void sha256_isThePinnedHash() throws IOException {
        assertEquals(pinnedSha256(), model.sha256());
    }

    @Test
    void probabilities_sumToOne() {
        float[][] scores = model.probabilities(mixedSubjects());
        for (float[] row : scores) {
            assertEquals(model.classes().size(), row.length);
            double sum = 0;
            for (float p : row) {
                assertTrue(p >= 0 && p <= 1, "probability " + p);
                sum += p;
            }
            assertEquals(1.0, sum, 1e-4);
        }
    }

    @Test
    void predict_returnsTopThreeBestFirst() {
        List<List<Attribution.Guess>> guesses = model.predict(mixedSubjects());
        assertEquals(mixedSubjects().size(), guesses.size());
        for (List<Attribution.Guess> g : guesses) {
            assertEquals(OnnxAttributor.TOP, g.size());
            assertTrue(g.get(0).probability() >= g.get(1).probability());
            assertTrue(g.get(1).probability() >= g.get(2).probability());
        }
        assertEquals("huawei", guesses.get(0).getFirst().group(), "huaweicloud-dns.com");
        assertEquals("none", guesses.get(2).getFirst().group(), "example-corp.net");
    }

    @Test
    void predict_batchedEqualsOneByOne() {
        List<Subject> subjects = mixedSubjects();
        List<List<Attribution.Guess>> batched;
        try (OnnxAttributor bySeven = OnnxAttributor.loadDefault(2, 7)) {
            batched = bySeven.predict(subjects);
        }
        List<List<Attribution.Guess>> single = new ArrayList<>();
        try (OnnxAttributor byOne = OnnxAttributor.loadDefault(1, 1)) {
            for (Subject s : subjects) {
                single.add(byOne.predict(List.of(s)).getFirst());
            }
        }
        assertEquals(single.size(), batched.size());
        for (int i = 0; i < single.size(); i++) {
            for (int k = 0; k < OnnxAttributor.TOP; k++) {
                assertEquals(single.get(i).get(k).group(), batched.get(i).get(k).group(), subjects.get(i).value());
                assertEquals(single.get(i).get(k).probability(), batched.get(i).get(k).probability(), 1e-6);
            }
        }
        assertEquals(batched, model.predict(subjects), "the shared instance (batch 16) agrees too");
    }

    @Test
    void predict_answersEachPositionInOrder() {
        Subject a = new Subject(ObservationKind.HOSTNAME, "myhuaweicloud.net", Role.UNKNOWN);
        Subject b = new Subject(ObservationKind.PRODUCT, "Generic 24-port switch", Role.NETWORK_DEVICE);
        List<List<Attribution.Guess>> out = model.predict(List.of(a, b, a, a, b));
        assertEquals(5, out.size());
        assertEquals(out.get(0), out.get(2));
        assertEquals(out.get(0), out.get(3));
        assertEquals(out.get(1), out.get(4));
        assertEquals("huawei", out.get(0).getFirst().group());
    }

    @Test
    void twoLanes_giveTheSameAnswersAsOne_onManyBatches() {
        List<Subject> subjects = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            subjects.add(new Subject(ObservationKind.HOSTNAME, "svc" + i + ".example-" + (i % 13) + ".net", Role.API_ENDPOINT));
        }
        subjects.addAll(mixedSubjects());
        try (OnnxAttributor one = OnnxAttributor.loadDefault(1, 32); OnnxAttributor two = OnnxAttributor.loadDefault(2, 32)) {
            assertEquals(2, two.threads());
            assertEquals(one.predict(subjects), two.predict(subjects));
        }
    }

    @Test
    void predict_emptyList_isEmpty() {
        assertTrue(model.predict(List.of()).isEmpty());
    }

    @Test
    void load_tamperedModel_isRefusedWithExpectedAndActualHash(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(MODEL);
        bytes[bytes.length / 2] ^= 0x01;
        Path tampered = dir.resolve("attribution.onnx");
        Files.write(tampered, bytes);
        String expected = pinnedSha256();
        AttributionException e = assertThrows(AttributionException.class, () -> OnnxAttributor.load(tampered, expected, 1, 8));
        String actual = KbLoader.hex(KbLoader.sha256(bytes));
        assertTrue(e.getMessage().contains("expected " + expected), e.getMessage());
        assertTrue(e.getMessage().contains("actual " + actual), e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void load_committedModelWithItsHash_works() throws IOException {
        try (OnnxAttributor loaded = OnnxAttributor.load(MODEL, pinnedSha256().toUpperCase(Locale.ROOT), 1, 4)) {
            assertEquals(model.classes(), loaded.classes());
        }
    }

    @Test
    void load_malformedPin_isRefused() {
        AttributionException e = assertThrows(AttributionException.class, () -> OnnxAttributor.load(MODEL, "abc", 1, 8));
        assertTrue(e.getMessage().contains("not 64 hex digits"), e.getMessage());
    }

    @Test
    void load_fileThatIsNoModel_isRefusedByOnnxRuntime(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.onnx");
        byte[] bytes = "not a model".getBytes(StandardCharsets.UTF_8);
        Files.write(junk, bytes);
        AttributionException e = assertThrows(AttributionException.class,
                () -> OnnxAttributor.load(junk, KbLoader.hex(KbLoader.sha256(bytes)), 1, 8));
        assertTrue(e.getMessage().contains("cannot be loaded by ONNX Runtime"), e.getMessage());
    }

    @Test
    void badSettings_areRefused() {
        assertThrows(AttributionException.class, () -> OnnxAttributor.loadDefault(0, 8));
        assertThrows(AttributionException.class, () -> OnnxAttributor.loadDefault(1, 0));
    }

    @Test
    void closedModel_refusesToPredict() {
        OnnxAttributor m = OnnxAttributor.loadDefault(1, 2);
        m.close();
        m.close();
        assertThrows(AttributionException.class, () -> m.predict(List.of(new Subject(ObservationKind.HOSTNAME, "a.b", Role.UNKNOWN))));
    }
}
