package org.sovaudit.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.sovaudit.attribute.KnowledgeBase;

/**
 * Generates the knowledge base's indicator files from public registries, reproducibly:
 * <ul>
 *   <li>{@code generated/ouis.yaml}: the MAC OUIs (IEEE MA-L assignments) of the knowledge base's
 *       vendors, from Debian's {@code ieee-data} package ({@code /usr/share/ieee-data/oui.csv}),
 *       chosen by the organisation-name rules in {@link #OUI_RULES};</li>
 *   <li>{@code generated/ca-subjects.yaml}: the subject names of the Mozilla root certificates in
 *       Debian's {@code ca-certificates} package ({@code /usr/share/ca-certificates/mozilla/*.crt}), as
 *       Bouncy Castle prints them (the spelling the certificate parsers emit), assigned to vendors by
 *       the rules in {@link #CA_RULES}; a root no rule assigns stops the generation.</li>
 * </ul>
 * Run by {@code bin/kb-generate} (not by CI); the output is committed. Same inputs, same bytes.
 *
 * <pre>GenerateIndicators --kb models/kb --oui /usr/share/ieee-data/oui.csv --oui-version V
 *                    --ca-dir /usr/share/ca-certificates/mozilla --ca-version V</pre>
 */
public final class GenerateIndicators {

    /** Vendor id, then a regex the IEEE organisation name must match from its start (case-insensitive). */
    static final List<String[]> OUI_RULES = List.of(
            new String[] {"huawei", "huawei technologies|huawei device|huawei symantec"},
            new String[] {"zte", "zte corporation"},
            new String[] {"h3c", "new h3c technologies|hangzhou h3c technologies|h3c technologies"},
            new String[] {"ruijie", "ruijie networks|shanghai ruijie"},
            new String[] {"fiberhome", "fiberhome telecommunication|wuhan fiberhome"},
            new String[] {"inspur", "inspur"},
            new String[] {"lenovo", "lenovo|motorola mobility"},
            new String[] {"tp-link", "tp-link"},
            new String[] {"xiaomi", "xiaomi|beijing xiaomi"},
            new String[] {"hikvision", "hangzhou hikvision|hangzhou ezviz"},
            new String[] {"dahua", "zhejiang dahua"},
            new String[] {"uniview", "zhejiang uniview"},
            new String[] {"tiandy", "tiandy"},
            new String[] {"phytium", "phytium"},
            new String[] {"cisco", "cisco systems|cisco spvtg|cisco meraki"},
            new String[] {"juniper", "juniper networks|mist systems"},
            new String[] {"arista", "arista networks"},
            new String[] {"mikrotik", "routerboard\\.com|mikrotik"},
            new String[] {"hpe", "hewlett packard enterprise|aruba"},
            new String[] {"fortinet", "fortinet"},
            new String[] {"ubiquiti", "ubiquiti"},
            new String[] {"palo-alto-networks", "palo alto networks"},
            new String[] {"extreme", "extreme networks"},
            new String[] {"ruckus", "ruckus wireless"},
            new String[] {"broadcom", "broadcom"},
            new String[] {"vmware", "vmware"},
            new String[] {"dell", "dell inc|dell emc"},
            new String[] {"nvidia", "nvidia|mellanox technologies"},
            new String[] {"intel", "intel corporat"},
            new String[] {"ibm", "ibm corp|ibm$"},
            new String[] {"oracle", "oracle corporation|oracle$"},
            new String[] {"apple", "apple,? inc"},
            new String[] {"google", "google|nest labs|fitbit"},
            new String[] {"amazon", "amazon technologies|eero inc"},
            new String[] {"microsoft", "microsoft corporation|microsoft$|microsoft mobile"},
            new String[] {"samsung", "samsung electro"},
            new String[] {"lg", "lg electronics"},
            new String[] {"nokia", "nokia"},
            new String[] {"ericsson", "ericsson"},
            new String[] {"axis", "axis communications"},
            new String[] {"canon", "canon inc"},
            new String[] {"nec", "nec corporation"},
            new String[] {"fujitsu", "fujitsu"},
            new String[] {"d-link", "d-link"},
            new String[] {"zyxel", "zyxel"},
            new String[] {"check-point", "check point software"},
            new String[] {"supermicro", "super micro computer"});

    /** Vendor id, then a regex found in the root's subject name (first rule that matches wins). */
    static final List<String[]> CA_RULES = List.of(
            new String[] {"aws", "O=Amazon|Starfield Services Root"},
            new String[] {"google", "Google Trust Services"},
            new String[] {"microsoft", "O=Microsoft Corporation"},
            new String[] {"lets-encrypt", "Internet Security Research Group"},
            new String[] {"digicert", "DigiCert|QuoVadis|Baltimore"},
            new String[] {"sectigo", "Sectigo|COMODO|Comodo|USERTRUST|USERTrust|AAA Certificate Services"},
            new String[] {"godaddy", "Starfield Technologies|Go Daddy|GoDaddy"},
            new String[] {"entrust", "Entrust|AffirmTrust"},
            new String[] {"identrust", "IdenTrust"},
            new String[] {"trustwave", "SecureTrust|Trustwave|XRamp"},
            new String[] {"ssl-com", "SSL Corporation"},
            new String[] {"fastly", "O=Certainly"},
            new String[] {"cfca", "China Financial Certification Authority"},
            new String[] {"gdca", "GUANG DONG CERTIFICATE AUTHORITY"},
            new String[] {"sheca", "O=UniTrust"},
            new String[] {"itrus", "iTrusChina"},
            new String[] {"hongkong-post", "Hongkong Post"},
            new String[] {"chunghwa-telecom", "Chunghwa Telecom"},
            new String[] {"twca", "TAIWAN-CA"},
            new String[] {"naver", "NAVER"},
            new String[] {"secom", "SECOM Trust"},
            new String[] {"jcsi", "Japan Certification Services"},
            new String[] {"emsign", "eMudhra"},
            new String[] {"globalsign", "GlobalSign"},
            new String[] {"globaltrust", "e-commerce monitoring"},
            new String[] {"swisssign", "SwissSign"},
            new String[] {"wisekey", "WISeKey"},
            new String[] {"d-trust", "D-Trust"},
            new String[] {"deutsche-telekom", "T-Systems"},
            new String[] {"firmaprofesional", "Firmaprofesional"},
            new String[] {"fnmt", "FNMT-RCM"},
            new String[] {"izenpe", "IZENPE"},
            new String[] {"accv", "O=ACCV"},
            new String[] {"anf", "ANF Autoridad"},
            new String[] {"atos", "O=Atos"},
            new String[] {"telia", "Telia"},
            new String[] {"certigna", "Dhimyotis"},
            new String[] {"harica", "Hellenic Academic"},
            new String[] {"microsec", "Microsec"},
            new String[] {"netlock", "NetLock"},
            new String[] {"actalis", "Actalis"},
            new String[] {"buypass", "Buypass"},
            new String[] {"trustcor", "TrustCor"},
            new String[] {"certum", "Asseco Data Systems|Unizeto"},
            new String[] {"kir", "Krajowa Izba"},
            new String[] {"certsign", "(?i)certsign"},
            new String[] {"disig", "Disig"},
            new String[] {"tuntrust", "Agence Nationale de Certification"},
            new String[] {"e-tugra", "E-Tu"},
            new String[] {"tubitak-kamusm", "TUBITAK"});

    private GenerateIndicators() {
    }

    public static void main(String[] args) throws IOException, CertificateException {
        Map<String, String> opts = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--kb", "--oui", "--oui-version", "--ca-dir", "--ca-version")) {
            if (!opts.containsKey(required)) {
                System.err.println("usage: GenerateIndicators --kb DIR --oui FILE --oui-version V --ca-dir DIR --ca-version V");
                System.exit(2);
            }
        }
        Path kbDir = Path.of(opts.get("--kb"));
        // the vendors named by the rules must exist: the knowledge base is loaded first (without the generated files' content mattering)
        KnowledgeBase kb = KnowledgeBase.load(kbDir);
        for (List<String[]> rules : List.of(OUI_RULES, CA_RULES)) {
            for (String[] rule : rules) {
                if (kb.vendor(rule[0]).isEmpty()) {
                    throw new IllegalStateException("rule names unknown vendor " + rule[0]);
                }
            }
        }
        Path out = kbDir.resolve("generated");
        Files.createDirectories(out);
        Files.writeString(out.resolve("ouis.yaml"), ouis(Path.of(opts.get("--oui")), opts.get("--oui-version")),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("ca-subjects.yaml"), caSubjects(Path.of(opts.get("--ca-dir")), opts.get("--ca-version")),
                StandardCharsets.UTF_8);
    }

    static String ouis(Path csv, String version) throws IOException {
        List<Pattern> patterns = new ArrayList<>();
        for (String[] rule : OUI_RULES) {
            patterns.add(Pattern.compile("(?i)(" + rule[1] + ").*"));
        }
        Map<String, TreeSet<String>> byVendor = new TreeMap<>();
        Map<String, TreeSet<String>> organisations = new TreeMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            List<String> cols = csvFields(lines.get(i));
            if (cols.size() < 3 || !cols.get(0).equals("MA-L") || !cols.get(1).matches("[0-9A-F]{6}")) {
                continue;
            }
            String org = cols.get(2).strip();
            for (int r = 0; r < OUI_RULES.size(); r++) {
                if (patterns.get(r).matcher(org).matches()) {
                    String vendor = OUI_RULES.get(r)[0];
                    byVendor.computeIfAbsent(vendor, k -> new TreeSet<>()).add(cols.get(1));
                    organisations.computeIfAbsent(vendor, k -> new TreeSet<>()).add(org);
                    break;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Generated by bin/kb-generate (org.sovaudit.train.GenerateIndicators); do not edit.\n");
        sb.append("# MAC OUIs of the knowledge base's vendors. Per vendor, the IEEE organisation names that matched.\n");
        sb.append("source: \"IEEE MA-L registry (oui.csv) from Debian's ieee-data package ").append(version)
                .append(", filtered to the knowledge base's vendors by the organisation-name rules in GenerateIndicators\"\n");
        sb.append("indicators:\n");
        int total = 0;
        for (String[] rule : OUI_RULES) {
            TreeSet<String> ouis = byVendor.get(rule[0]);
            if (ouis == null) {
                continue;
            }
            total += ouis.size();
            sb.append("  # ").append(String.join("; ", organisations.get(rule[0])).replace("\n", " ")).append('\n');
            sb.append("  - vendor: ").append(rule[0]).append('\n');
            sb.append("    ouis: [");
            int n = 0;
            for (String oui : ouis) {
                sb.append(n == 0 ? "" : n % 12 == 0 ? ",\n      " : ", ").append('"').append(oui).append('"');
                n++;
            }
            sb.append("]\n");
        }
        System.out.printf(Locale.ROOT, "ouis: %d for %d vendors%n", total, byVendor.size());
        return sb.toString();
    }

    static String caSubjects(Path dir, String version) throws IOException, CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        TreeMap<String, String> subjects = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.crt")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        for (Path file : files) {
            X509Certificate cert;
            try (InputStream in = Files.newInputStream(file)) {
                cert = (X509Certificate) factory.generateCertificate(in);
            }
            String subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).toString();
            String vendor = null;
            for (String[] rule : CA_RULES) {
                if (Pattern.compile(rule[1]).matcher(subject).find()) {
                    vendor = rule[0];
                    break;
                }
            }
            if (vendor == null) {
                throw new IllegalStateException(file + ": no vendor rule for root " + subject);
            }
            subjects.put(subject, vendor);
        }
        Map<String, List<String>> byVendor = new TreeMap<>();
        for (Map.Entry<String, String> e : subjects.entrySet()) {
            byVendor.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Generated by bin/kb-generate (org.sovaudit.train.GenerateIndicators); do not edit.\n");
        sb.append("# Subject names of the Mozilla root certificates, as Bouncy Castle prints them, per vendor.\n");
        sb.append("source: \"Mozilla root certificates from Debian's ca-certificates package ").append(version)
                .append(" (/usr/share/ca-certificates/mozilla), assigned to vendors by the rules in GenerateIndicators\"\n");
        sb.append("indicators:\n");
        for (Map.Entry<String, List<String>> e : byVendor.entrySet()) {
            sb.append("  - vendor: ").append(e.getKey()).append('\n');
            sb.append("    ca-subjects:\n");
            for (String subject : e.getValue()) {
                sb.append("      - '").append(subject.replace("'", "''")).append("'\n");
            }
        }
        System.out.printf(Locale.ROOT, "ca-subjects: %d roots for %d vendors%n", subjects.size(), byVendor.size());
        return sb.toString();
    }

    /** The fields of one CSV line (RFC 4180 quoting). */
    static List<String> csvFields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
