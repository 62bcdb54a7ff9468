package org.sovaudit.attribute;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sovaudit.model.ObservationKind;

/**
 * The knowledge base's lookup structures, built from its indicators: one structure per way of
 * matching, never a scan over the indicators.
 * <ul>
 *   <li>hosts: a label trie read from the TLD (domain suffixes, exact hosts, registry patterns);</li>
 *   <li>images: a character trie over {@code registry/repository} (repository prefixes);</li>
 *   <li>networks: a bit trie per address family (longest prefix);</li>
 *   <li>AS numbers, OUIs, CA subject names, Terraform providers and region ids: hash maps;</li>
 *   <li>packages: a character trie per package type (coordinates and prefixes);</li>
 *   <li>product, AI model, CA and crypto phrases: one phrase trie each.</li>
 * </ul>
 */
final class KbIndex {

    /** Indicator kinds, as written in reports ({@code domain-suffix aliyuncs.com}). */
    static final String DOMAIN = "domain-suffix";
    static final String HOST = "host";
    static final String REGISTRY = "registry";
    static final String IMAGE = "image";
    static final String CIDR = "cidr";
    static final String ASN = "asn";
    static final String OUI = "oui";
    static final String PACKAGE = "package";
    static final String PRODUCT = "product";
    static final String AI_MODEL = "ai-model";
    static final String CA_SUBJECT = "ca-subject";
    static final String CA_NAME = "ca-name";
    static final String CRYPTO = "crypto";
    static final String TERRAFORM_PROVIDER = "terraform-provider";
    static final String PROVIDER_NAME = "provider-name";
    static final String REGION = "region";

    private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_]+");
    /** Contexts longer than this name no provider. */
    private static final int MAX_CONTEXT = 256;

    private final HostTable<Indicator> hosts = new HostTable<>();
    private final PrefixTrie<Indicator> images = new PrefixTrie<>();
    private final PrefixTable<Indicator> networks = new PrefixTable<>();
    private final Map<Long, Indicator> asns = new HashMap<>();
    private final Map<Integer, Indicator> ouis = new HashMap<>();
    private final PackageTable<Indicator> packages = new PackageTable<>();
    private final PhraseTable<Indicator> products = new PhraseTable<>();
    private final PhraseTable<Indicator> aiModels = new PhraseTable<>();
    private final PhraseTable<Indicator> caNames = new PhraseTable<>();
    private final PhraseTable<Indicator> crypto = new PhraseTable<>();
    private final Map<String, Indicator> caSubjects = new HashMap<>();
    private final Map<String, Indicator> providers = new HashMap<>();
    private final PrefixTrie<Indicator> regions = new PrefixTrie<>();

    /** Builds the index; indicators must be valid and distinct by {@link #key}. */
    KbIndex(List<Indicator> indicators) {
        for (Indicator i : indicators) {
            if (add(i) != null) {
                throw new AttributionException("indicator '" + i + "' is listed twice");
            }
        }
    }

    /**
     * The identity of an indicator in its structure: two indicators with the same key would shadow
     * each other, so the loader refuses the second. Null when the value is malformed.
     */
    static String key(String kind, String value) {
        return switch (kind) {
            case DOMAIN -> "s:" + value;
            case HOST, REGISTRY -> "h:" + value;
            case IMAGE -> "i:" + value;
            case CIDR -> {
                IpAddresses.Network n = IpAddresses.parseNetwork(value);
                yield n == null ? null : "n:" + n;
            }
            case ASN -> "a:" + Names.asn(value);
            case OUI -> "o:" + Macs.parseOui(value);
            case PACKAGE -> {
                PackageTable.Pattern p = PackageTable.Pattern.parse(value);
                yield p == null ? null : "p:" + p.type() + ":" + (p.anyNamespace() ? "*/" : "") + p.key() + (p.prefix() ? "*" : "");
            }
            case PRODUCT -> "P:" + value;
            case AI_MODEL -> "A:" + value;
            case CA_NAME -> "C:" + value;
            case CRYPTO -> "X:" + value;
            case CA_SUBJECT -> {
                String k = DistinguishedNames.key(value);
                yield k == null ? null : "D:" + k;
            }
            case TERRAFORM_PROVIDER -> "source:" + value;
            case PROVIDER_NAME -> "name:" + value;
            case REGION -> "r:" + value;
            default -> null;
        };
    }

    private Indicator add(Indicator i) {
        String v = i.value();
        return switch (i.kind()) {
            case DOMAIN -> hosts.put(Names.labels(v), false, i);
            case HOST, REGISTRY -> hosts.put(Names.labels(v), true, i);
            case IMAGE -> v.endsWith("*") ? images.put(v.substring(0, v.length() - 1), true, i) : images.put(v, false, i);
            case CIDR -> networks.put(IpAddresses.parseNetwork(v), i);
            case ASN -> asns.putIfAbsent(Names.asn(v), i);
            case OUI -> ouis.putIfAbsent(Macs.parseOui(v), i);
            case PACKAGE -> packages.put(PackageTable.Pattern.parse(v), i);
            case PRODUCT -> products.put(v, i);
            case AI_MODEL -> aiModels.put(v, i);
            case CA_NAME -> caNames.put(v, i);
            case CRYPTO -> crypto.put(v, i);
            case CA_SUBJECT -> caSubjects.putIfAbsent(DistinguishedNames.key(v), i);
            case TERRAFORM_PROVIDER -> providers.putIfAbsent("source:" + v, i);
            case PROVIDER_NAME -> providers.putIfAbsent("name:" + v, i);
            case REGION -> v.endsWith("*") ? regions.put(v.substring(0, v.length() - 1), true, i) : regions.put(v, false, i);
            default -> throw new AttributionException("unknown indicator kind '" + i.kind() + "'");
        };
    }

    /** The indicator matching a subject, or null. */
    Indicator find(Subject s) {
        String value = s.value();
        if (value.length() > Names.MAX_VALUE) {
            return null;
        }
        ObservationKind kind = s.kind();
        return switch (kind) {
            case HOSTNAME, URL -> host(Names.hostOf(kind, value));
            case CONTAINER_IMAGE -> image(value);
            case IP_ADDRESS -> network(IpAddresses.parseNetwork(Names.ipLiteral(value)));
            case CIDR -> network(IpAddresses.parseNetwork(value));
            case ASN -> asns.get(Names.asn(value));
            case MAC -> mac(value);
            case PACKAGE -> packages.find(Purl.parse(value));
            case CERT_ISSUER -> certIssuer(value);
            case CRYPTO_ALGORITHM -> phrase(crypto, cryptoText(value));
            case PRODUCT -> first(phrase(products, value), phrase(aiModels, value));
            case AI_MODEL -> aiModel(value, s.context());
            case CLOUD_PROVIDER -> cloudProvider(value);
            case CLOUD_REGION -> region(value, s.context());
        };
    }

    private Indicator host(String host) {
        if (host == null) {
            return null;
        }
        byte[] ip = IpAddresses.parse(host);
        if (ip != null) {
            PrefixTable.Hit<Indicator> hit = networks.longest(ip);
            return hit == null ? null : hit.value();
        }
        if (!Names.validHost(host)) {
            return null;
        }
        return hosts.find(Names.labels(host));
    }

    private Indicator image(String value) {
        String path = Names.imagePath(value);
        Indicator byRepository = path == null ? null : images.find(path);
        return byRepository != null ? byRepository : host(Names.imageRegistry(value));
    }

    private Indicator network(IpAddresses.Network network) {
        if (network == null) {
            return null;
        }
        PrefixTable.Hit<Indicator> hit = networks.longest(network.address(), network.prefix());
        return hit == null ? null : hit.value();
    }

    private Indicator mac(String value) {
        long mac = Macs.parse(value);
        if (mac >= 0) {
            return Macs.locallyAdministered(mac) || Macs.group(mac) ? null : ouis.get(Macs.oui(mac));
        }
        int oui = Macs.parseOui(value);
        return oui < 0 ? null : ouis.get(oui);
    }

    private Indicator certIssuer(String value) {
        String key = DistinguishedNames.key(value);
        Indicator exact = key == null ? null : caSubjects.get(key);
        return exact != null ? exact : phrase(caNames, value);
    }

    /** Model type (context {@code model_type=...}) first: it names the release, the architecture only its design. */
    private Indicator aiModel(String value, String context) {
        Indicator byType = null;
        if (context.startsWith("model_type=")) {
            byType = phrase(aiModels, context.substring("model_type=".length()));
        }
        return first(byType, phrase(aiModels, value), phrase(products, value));
    }

    private Indicator cloudProvider(String value) {
        String key = Names.providerKey(value);
        Indicator byProvider = key == null ? null : providers.get(key);
        if (byProvider != null) {
            return byProvider;
        }
        if (value.indexOf('/') >= 0 || PLAIN_NAME.matcher(value.strip()).matches()) {
            // a provider source address or local name the knowledge base does not list (kubernetes, helm, random):
            // a tool, not a cloud; no guessing from its words
            return null;
        }
        String host = Names.host(value);
        Indicator byHost = host != null && host.indexOf('.') > 0 && Names.validHost(host) ? hosts.find(Names.labels(host)) : null;
        return byHost != null ? byHost : phrase(products, value);
    }

    /** A region belongs to the provider in its context; without one, to the vendor whose region id it is. */
    private Indicator region(String value, String context) {
        Indicator byProvider = providerIn(context);
        if (byProvider != null) {
            return byProvider;
        }
        String id = value.strip().toLowerCase(Locale.ROOT);
        return id.length() > 64 ? null : regions.find(id);
    }

    /**
     * The provider a context names: the whole context ({@code aws}, {@code hashicorp/aws}), else the
     * first of its words that is a provider name ({@code logging awslogs}, {@code driver=gcplogs}).
     * Null when none.
     */
    Indicator providerIn(String context) {
        if (context.isBlank() || context.length() > MAX_CONTEXT) {
            return null;
        }
        String key = Names.providerKey(context);
        Indicator whole = key == null ? null : providers.get(key);
        if (whole != null) {
            return whole;
        }
        int start = -1;
        for (int i = 0; i <= context.length(); i++) {
            char c = i < context.length() ? context.charAt(i) : ' ';
            boolean wordChar = Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '/' || c == '.';
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                String wordKey = Names.providerKey(context.substring(start, i));
                Indicator hit = wordKey == null ? null : providers.get(wordKey);
                if (hit != null) {
                    return hit;
                }
                start = -1;
            }
        }
        return null;
    }

    private static Indicator phrase(PhraseTable<Indicator> table, String value) {
        if (table.size() == 0) {
            return null;
        }
        PhraseTable.Hit<Indicator> hit = table.find(PhraseTable.normalise(value));
        return hit == null ? null : hit.value();
    }

    /**
     * Crypto names are read with every separator a word break ({@code TLS_SM4_GCM_SM3},
     * {@code ECC-SM2-SM4-GCM-SM3}, {@code GOST R 34.10-2012} become words).
     */
    static String cryptoText(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), PhraseTable.MAX_TEXT));
        for (int i = 0; i < value.length() && i < PhraseTable.MAX_TEXT; i++) {
            char c = value.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 0x80 ? c : ' ');
        }
        return sb.toString();
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T t : candidates) {
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}
