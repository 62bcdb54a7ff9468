package org.sovaudit.evidence.sign;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The appliance's key directory ({@code <data-dir>/keys}, mode 0700):
 * <ul>
 *   <li>{@value #KEY_FILE}: the private key as encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}:
 *       PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC), mode 0600 from the moment it is created. A key
 *       file that group or others may access is refused. {@code openssl pkey -in appliance-key.pem}
 *       reads it with the passphrase.</li>
 *   <li>{@value #CERTIFICATE_FILE}: the key's certificate, then its issuers' when a CA certified it
 *       ({@code sovaudit keys import-cert}); PEM, world-readable.</li>
 *   <li>{@value #APPLIANCE_ID_FILE}: the appliance id every certificate of this appliance carries.</li>
 *   <li>{@value #RETIRED_DIR}/{@code <key id>.pem}: the certificate chains of keys rotated out. Their
 *       private keys are deleted at rotation; what they signed stays verifiable with these.</li>
 *   <li>{@value #PENDING_DIR}/: a rotation's new key before the ledger records it; see {@link KeyRing}.</li>
 * </ul>
 *
 * <p>Keys of release 0.1 were stored unencrypted ({@code PRIVATE KEY}). Such a key is refused with a
 * message naming {@code sovaudit keys encrypt}, which encrypts it in place; its key id, and so every
 * signature it made, stays the same.
 */
public final class KeyDirectory {

    public static final String KEY_FILE = "appliance-key.pem";
    public static final String CERTIFICATE_FILE = "appliance.pem";
    public static final String APPLIANCE_ID_FILE = "appliance-id";
    public static final String PENDING_DIR = "pending";
    public static final String RETIRED_DIR = "retired";

    private static final int MAX_KEY_FILE_BYTES = 64 * 1024;
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final Set<PosixFilePermission> PUBLIC_READ = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final byte[] KEY_MATCH_CHALLENGE =
            "sovaudit: does this private key belong to this certificate?".getBytes(StandardCharsets.UTF_8);
    private static final String ENCRYPTED_PEM = "ENCRYPTED PRIVATE KEY";

    private final Path dir;

    private KeyDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * @throws KeyException when the file system has no POSIX permissions (the key could not be kept private)
     */
    public static KeyDirectory at(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            throw new KeyException("the file system of " + dir
                    + " has no POSIX permissions, so the private key could not be kept private");
        }
        return new KeyDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    /** Whether a key (or half of one) is present. */
    public boolean hasKey() {
        return Files.exists(dir.resolve(KEY_FILE)) || Files.exists(dir.resolve(CERTIFICATE_FILE));
    }

    /**
     * The current key's certificate chain, read without the passphrase.
     *
     * @throws KeyException when there is no certificate or it does not parse
     */
    public List<X509Certificate> chain() {
        return readChain(dir.resolve(CERTIFICATE_FILE));
    }

    /** Whether the private key file is encrypted (false for a key of release 0.1). */
    public boolean keyEncrypted() {
        byte[] bytes = readPrivateKeyFile(dir.resolve(KEY_FILE));
        try {
            return new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN " + ENCRYPTED_PEM + "-----");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The appliance id stored beside the keys, else the one the certificate carries, else empty (release 0.1). */
    public Optional<String> applianceId() {
        Path file = dir.resolve(APPLIANCE_ID_FILE);
        if (Files.isRegularFile(file)) {
            try {
                if (Files.size(file) > 256) {
                    throw new KeyException("the appliance id file " + file + " is too large to be one");
                }
                return Optional.of(KeySettings.requireApplianceId(Files.readString(file, StandardCharsets.US_ASCII).strip()));
            } catch (IOException e) {
                throw new KeyException("cannot read the appliance id " + file + ": " + e.getMessage(), e);
            }
        }
        if (Files.exists(dir.resolve(CERTIFICATE_FILE))) {
            return Optional.ofNullable(ApplianceKeys.applianceIdOf(chain().getFirst()));
        }
        return Optional.empty();
    }

    /**
     * Loads the key, or creates an encrypted key and its self-signed certificate when neither file
     * exists.
     *
     * @param clock the appliance clock: a new certificate is valid from its instant; a loaded
     *              certificate must be valid at its instant
     * @throws KeyException when only one of the two files exists, the key file is accessible to
     *                      group or others, is not encrypted, the passphrase is wrong, a file does
     *                      not parse, the key and certificate do not belong together, or the
     *                      certificate is not valid at the clock's instant
     */
    public ApplianceKeys loadOrCreate(KeySettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        if (!hasKey()) {
            return create(settings, clock.instant());
        }
        ApplianceKeys keys = load(settings.passphrase(), clock);
        if (settings.applianceId() != null && keys.applianceId() != null && !settings.applianceId().equals(keys.applianceId())) {
            throw new KeyException("keys.appliance-id is '" + settings.applianceId() + "' but the keys in " + dir
                    + " belong to appliance '" + keys.applianceId() + "'; an appliance's id does not change");
        }
        return keys;
    }

    /** Loads the existing key; see {@link #loadOrCreate} for the errors. */
    public ApplianceKeys load(PassphraseSource passphrase, Clock clock) {
        Objects.requireNonNull(passphrase, "passphrase");
        Path keyFile = dir.resolve(KEY_FILE);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        requireBoth(keyFile, certificateFile);
        List<X509Certificate> chain = readChain(certificateFile);
        String keyId = Certificates.keyId(chain.getFirst());
        PrivateKey privateKey = readPrivateKey(keyFile, passphrase, "the appliance key " + keyId.substring(0, 16) + " in " + dir);
        requireKeyMatches(keyFile, certificateFile, privateKey, chain.getFirst());
        requireValid(certificateFile, chain.getFirst(), clock.instant());
        return new ApplianceKeys(privateKey, chain, applianceId().orElse(null));
    }

    /**
     * Encrypts the unencrypted private key of release 0.1 in place with the settings' passphrase
     * (asked for twice at a prompt). The key, its certificate and its id do not change.
     *
     * @return the key id
     * @throws KeyException when the key is already encrypted, is shared with group or others, or is unreadable
     */
    public String encryptKey(KeySettings settings) {
        Path keyFile = dir.resolve(KEY_FILE);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        requireBoth(keyFile, certificateFile);
        List<X509Certificate> chain = readChain(certificateFile);
        byte[] bytes = readPrivateKeyFile(keyFile);
        Object object;
        try {
            object = parsePem(keyFile, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new KeyException("the private key " + keyFile + " is already encrypted; nothing to do");
        }
        PrivateKey privateKey = toPrivateKey(keyFile, object);
        requireKeyMatches(keyFile, certificateFile, privateKey, chain.getFirst());
        String keyId = Certificates.keyId(chain.getFirst());
        byte[] encrypted = encrypt(privateKey, settings, "the appliance key " + keyId.substring(0, 16) + " in " + dir);
        try {
            replace(keyFile, encrypted, OWNER_READ_WRITE);
        } catch (IOException e) {
            throw new KeyException("cannot write the encrypted key " + keyFile + ": " + e.getMessage(), e);
        }
        return keyId;
    }

    /**
     * Replaces the current certificate with {@code chain} (the certificate a CA issued for this
     * key, then the CA's): the first certificate must hold the current key's public key. The chain
     * is checked first ({@link CertificateChains#problems}); nothing is written when it fails.
     *
     * @throws KeyException when the chain is not for this key, or not a valid chain at {@code now}
     */
    public void importChain(List<X509Certificate> chain, Instant now) {
        List<X509Certificate> current = chain();
        if (chain.isEmpty()) {
            throw new KeyException("the certificate file holds no certificate");
        }
        String keyId = Certificates.keyId(current.getFirst());
        String importedKeyId = Certificates.keyId(chain.getFirst());
        if (!keyId.equals(importedKeyId)) {
            throw new KeyException("the first certificate is for key " + importedKeyId + ", not for this appliance's key "
                    + keyId + "; a CA certifies the key of 'sovaudit keys csr'");
        }
        List<String> problems = CertificateChains.problems(chain, now);
        if (!problems.isEmpty()) {
            throw new KeyException("the certificate chain is not valid: " + String.join("; ", problems));
        }
        try {
            replace(dir.resolve(CERTIFICATE_FILE), Certificates.toPem(chain).getBytes(StandardCharsets.US_ASCII), PUBLIC_READ);
        } catch (IOException e) {
            throw new KeyException("cannot write " + dir.resolve(CERTIFICATE_FILE) + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- rotation

    /**
     * Creates a new key in {@value #PENDING_DIR}/, encrypted with the settings' passphrase, with a
     * self-signed certificate carrying this appliance's id. The current key is untouched.
     */
    ApplianceKeys createPending(KeySettings settings, Instant now) {
        Path pending = dir.resolve(PENDING_DIR);
        try {
            if (Files.exists(pending)) {
                deleteTree(pending);
            }
        } catch (IOException e) {
            throw new KeyException("cannot clear " + pending + ": " + e.getMessage(), e);
        }
        String applianceId = ensureApplianceId(settings);
        return writeNewKey(pending, settings, applianceId, now, "the new appliance key");
    }

    /** The chain of the key waiting in {@value #PENDING_DIR}/, if its certificate is there. */
    Optional<List<X509Certificate>> pendingChain() {
        Path certificate = dir.resolve(PENDING_DIR).resolve(CERTIFICATE_FILE);
        return Files.exists(certificate) ? Optional.of(readChain(certificate)) : Optional.empty();
    }

    /** Whether a {@value #PENDING_DIR}/ directory exists (a rotation started). */
    boolean hasPending() {
        return Files.exists(dir.resolve(PENDING_DIR), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Makes the pending key the current one, in an order that a restart can finish: the current
     * certificate chain is copied to {@value #RETIRED_DIR}/{@code <key id>.pem}, then the pending
     * private key replaces the current one (deleting the old private key), then the pending
     * certificate replaces the current certificate, then the pending directory is removed. A step
     * already done is skipped.
     */
    void promotePending() {
        Path pending = dir.resolve(PENDING_DIR);
        try {
            Path retired = dir.resolve(RETIRED_DIR);
            Files.createDirectories(retired);
            Path currentCertificate = dir.resolve(CERTIFICATE_FILE);
            if (Files.exists(currentCertificate)) {
                String oldKeyId = Certificates.keyId(readChain(currentCertificate).getFirst());
                Files.copy(currentCertificate, retired.resolve(oldKeyId + ".pem"), StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.exists(pending.resolve(KEY_FILE))) {
                move(pending.resolve(KEY_FILE), dir.resolve(KEY_FILE));
            }
            if (Files.exists(pending.resolve(CERTIFICATE_FILE))) {
                move(pending.resolve(CERTIFICATE_FILE), currentCertificate);
            }
            deleteTree(pending);
            forceDirectory(dir);
        } catch (IOException e) {
            throw new KeyException("cannot make the rotated key current in " + dir + ": " + e.getMessage()
                    + "; the appliance finishes this at its next start", e);
        }
    }

    /** Deletes a pending key the ledger never recorded. */
    void discardPending() {
        try {
            deleteTree(dir.resolve(PENDING_DIR));
        } catch (IOException e) {
            throw new KeyException("cannot delete " + dir.resolve(PENDING_DIR) + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- creation

    private ApplianceKeys create(KeySettings settings, Instant now) {
        String applianceId = ensureApplianceId(settings);
        return writeNewKey(dir, settings, applianceId, now, "the new appliance key in " + dir);
    }

    private String ensureApplianceId(KeySettings settings) {
        Optional<String> stored = Files.isRegularFile(dir.resolve(APPLIANCE_ID_FILE))
                ? applianceId() : Optional.empty();
        if (stored.isPresent()) {
            if (settings.applianceId() != null && !settings.applianceId().equals(stored.get())) {
                throw new KeyException("keys.appliance-id is '" + settings.applianceId() + "' but " + dir
                        + " belongs to appliance '" + stored.get() + "'; an appliance's id does not change");
            }
            return stored.get();
        }
        String id = settings.applianceId();
        if (id == null && Files.exists(dir.resolve(CERTIFICATE_FILE))) {
            id = ApplianceKeys.applianceIdOf(chain().getFirst());
        }
        if (id == null) {
            byte[] random = new byte[8];
            new SecureRandom().nextBytes(random);
            id = "appliance-" + HexFormat.of().formatHex(random);
        }
        try {
            createDirectory(dir);
            replace(dir.resolve(APPLIANCE_ID_FILE), (id + "\n").getBytes(StandardCharsets.US_ASCII), PUBLIC_READ);
        } catch (IOException e) {
            throw new KeyException("cannot write the appliance id in " + dir + ": " + e.getMessage(), e);
        }
        return id;
    }

    private ApplianceKeys writeNewKey(Path target, KeySettings settings, String applianceId, Instant now, String purpose) {
        KeyPair pair = settings.algorithm().generate();
        X509Certificate certificate = ApplianceKeys.selfSign(pair, settings.algorithm(), applianceId, now);
        byte[] keyPem = encrypt(pair.getPrivate(), settings, purpose);
        Path keyFile = target.resolve(KEY_FILE);
        Path certificateFile = target.resolve(CERTIFICATE_FILE);
        try {
            createDirectory(target);
            writeNew(keyFile, keyPem, OWNER_READ_WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new KeyException(keyFile + " appeared while the key was being created; is another appliance process starting?", e);
        } catch (IOException e) {
            throw new KeyException("cannot write the private key " + keyFile + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(keyPem, (byte) 0);
        }
        try {
            writeNew(certificateFile, Certificates.toPem(certificate).getBytes(StandardCharsets.US_ASCII), PUBLIC_READ);
            forceDirectory(target);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(keyFile);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new KeyException("cannot write the certificate " + certificateFile + ": " + e.getMessage(), e);
        }
        return new ApplianceKeys(pair.getPrivate(), List.of(certificate), applianceId);
    }

    private static byte[] encrypt(PrivateKey key, KeySettings settings, String purpose) {
        char[] passphrase = settings.passphrase().passphrase(purpose, true);
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(settings.kdfIterations())
                    .setRandom(new SecureRandom())
                    .setPassword(passphrase)
                    .setProvider(Bc.PROVIDER)
                    .build();
            byte[] der = new JcaPKCS8Generator(key, encryptor).generate().getContent();
            return Pem.encode(ENCRYPTED_PEM, der).getBytes(StandardCharsets.US_ASCII);
        } catch (Exception e) {
            // Bouncy Castle reports encryption failures with checked and unchecked types alike.
            throw new KeyException("cannot encrypt the private key: " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    // ---------------------------------------------------------------- reading

    private static void requireBoth(Path keyFile, Path certificateFile) {
        boolean hasKey = Files.exists(keyFile);
        boolean hasCertificate = Files.exists(certificateFile);
        if (!hasKey && !hasCertificate) {
            throw new KeyException("no appliance key in " + keyFile.getParent());
        }
        if (!hasKey) {
            throw new KeyException(certificateFile + " exists but the private key " + keyFile
                    + " is missing; restore the key from its backup, or move the certificate away to create a new key");
        }
        if (!hasCertificate) {
            throw new KeyException(keyFile + " exists but the certificate " + certificateFile
                    + " is missing; restore the certificate from its backup, or move the key away to create a new key");
        }
    }

    private static PrivateKey readPrivateKey(Path keyFile, PassphraseSource passphrase, String purpose) {
        byte[] bytes = readPrivateKeyFile(keyFile);
        Object object;
        try {
            object = parsePem(keyFile, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        if (object instanceof PrivateKeyInfo) {
            throw new KeyException("the private key " + keyFile + " is stored unencrypted, as release 0.1 stored keys;"
                    + " this release signs only with an encrypted key. Encrypt it in place with 'sovaudit keys encrypt'"
                    + " (the passphrase comes from keys.passphrase-file, $" + Passphrases.ENVIRONMENT_VARIABLE
                    + " or a prompt). The key and its id stay the same, so earlier bundles and the ledger stay valid");
        }
        if (!(object instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
            throw new KeyException("the private key " + keyFile + " holds no PKCS#8 '" + ENCRYPTED_PEM + "' PEM block"
                    + (object == null ? "" : " (found " + object.getClass().getSimpleName() + ")"));
        }
        requireBoundedKdf(keyFile, encrypted.getEncryptionAlgorithm());
        char[] secret = passphrase.passphrase(purpose, false);
        PrivateKeyInfo info;
        try {
            info = encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(Bc.PROVIDER).build(secret));
        } catch (PKCSException e) {
            throw new KeyException("cannot decrypt the private key " + keyFile
                    + ": wrong passphrase (or a damaged key file)", e);
        } catch (Exception e) {
            throw new KeyException("cannot decrypt the private key " + keyFile + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
        return toPrivateKey(keyFile, info);
    }

    private static void requireBoundedKdf(Path keyFile, AlgorithmIdentifier algorithm) {
        if (!PKCSObjectIdentifiers.id_PBES2.equals(algorithm.getAlgorithm())) {
            throw new KeyException("the private key " + keyFile + " is encrypted with " + algorithm.getAlgorithm()
                    + "; only PBES2 (PKCS#5 v2) with PBKDF2 is accepted");
        }
        try {
            PBES2Parameters pbes2 = PBES2Parameters.getInstance(algorithm.getParameters());
            if (!PKCSObjectIdentifiers.id_PBKDF2.equals(pbes2.getKeyDerivationFunc().getAlgorithm())) {
                throw new KeyException("the private key " + keyFile + " derives its key with "
                        + pbes2.getKeyDerivationFunc().getAlgorithm() + "; only PBKDF2 is accepted");
            }
            PBKDF2Params params = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
            if (params.getIterationCount().bitLength() > 31
                    || params.getIterationCount().intValueExact() > KeySettings.MAX_KDF_ITERATIONS) {
                throw new KeyException("the private key " + keyFile + " asks for " + params.getIterationCount()
                        + " PBKDF2 iterations, more than " + KeySettings.MAX_KDF_ITERATIONS + "; refused");
            }
        } catch (KeyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeyException("the private key " + keyFile + " has unreadable encryption parameters: " + e.getMessage(), e);
        }
    }

    private static Object parsePem(Path keyFile, byte[] bytes) {
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            return parser.readObject();
        } catch (Exception e) {
            throw new KeyException("the private key " + keyFile + " is not readable PEM: " + e.getMessage(), e);
        }
    }

    private static PrivateKey toPrivateKey(Path keyFile, Object object) {
        if (!(object instanceof PrivateKeyInfo info)) {
            throw new KeyException("the private key " + keyFile + " holds no PKCS#8 private key"
                    + (object == null ? "" : " (found " + object.getClass().getSimpleName() + ")"));
        }
        try {
            return new JcaPEMKeyConverter().setProvider(Bc.PROVIDER).getPrivateKey(info);
        } catch (Exception e) {
            throw new KeyException("the private key " + keyFile + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    private static byte[] readPrivateKeyFile(Path keyFile) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(keyFile, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new KeyException("cannot read the attributes of the private key " + keyFile + ": " + e.getMessage(), e);
        }
        if (!attributes.isRegularFile()) {
            throw new KeyException("the private key " + keyFile + " is not a regular file");
        }
        Set<PosixFilePermission> shared = EnumSet.noneOf(PosixFilePermission.class);
        shared.addAll(attributes.permissions());
        shared.retainAll(GROUP_OR_OTHERS);
        if (!shared.isEmpty()) {
            throw new KeyException("refusing the private key " + keyFile + ": its mode "
                    + PosixFilePermissions.toString(attributes.permissions())
                    + " lets group or others access it; the key may have leaked. If it has not, restrict it with"
                    + " 'chmod 600 " + keyFile + "'; otherwise rotate to a new key ('sovaudit keys rotate')");
        }
        if (attributes.size() > MAX_KEY_FILE_BYTES) {
            throw new KeyException("the private key " + keyFile + " is " + attributes.size()
                    + " bytes, more than a key file can be (" + MAX_KEY_FILE_BYTES + ")");
        }
        try {
            return Files.readAllBytes(keyFile);
        } catch (IOException e) {
            throw new KeyException("cannot read the private key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> readChain(Path certificateFile) {
        String pem;
        try {
            long size = Files.size(certificateFile);
            if (size > Certificates.MAX_PEM_CHARS) {
                throw new KeyException("the certificate " + certificateFile + " is " + size
                        + " bytes, more than a certificate file can be (" + Certificates.MAX_PEM_CHARS + ")");
            }
            pem = Files.readString(certificateFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyException("cannot read the certificate " + certificateFile + ": " + e.getMessage(), e);
        }
        List<X509Certificate> chain;
        try {
            chain = Certificates.chainFromPem(pem);
        } catch (KeyException e) {
            throw new KeyException("the certificate " + certificateFile + " is unusable: " + e.getMessage(), e);
        }
        try {
            KeyAlgorithm.of(chain.getFirst().getPublicKey());
        } catch (KeyException e) {
            throw new KeyException("the certificate " + certificateFile + " holds " + e.getMessage(), e);
        }
        return chain;
    }

    private static void requireKeyMatches(Path keyFile, Path certificateFile, PrivateKey privateKey,
                                          X509Certificate certificate) {
        KeyAlgorithm algorithm = KeyAlgorithm.of(certificate.getPublicKey());
        boolean matches;
        try {
            byte[] signature = algorithm.signRaw(privateKey, KEY_MATCH_CHALLENGE);
            matches = algorithm.verifyRaw(certificate.getPublicKey(), KEY_MATCH_CHALLENGE, signature);
        } catch (KeyException e) {
            matches = false;
        }
        if (!matches) {
            throw new KeyException("the private key " + keyFile + " does not belong to the certificate "
                    + certificateFile + " (key id " + Certificates.keyId(certificate)
                    + "); restore the matching pair from backup");
        }
    }

    private static void requireValid(Path certificateFile, X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(java.util.Date.from(now));
        } catch (CertificateNotYetValidException e) {
            throw new KeyException("the clock says " + now + ", before the certificate " + certificateFile
                    + " becomes valid (" + certificate.getNotBefore().toInstant()
                    + "); set the system clock: signatures made now would not verify", e);
        } catch (CertificateExpiredException e) {
            throw new KeyException("the certificate " + certificateFile + " expired on "
                    + certificate.getNotAfter().toInstant() + " (clock says " + now
                    + "); rotate to a new key with 'sovaudit keys rotate'", e);
        }
    }

    // ---------------------------------------------------------------- writing

    private static void createDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        }
    }

    private static void writeNew(Path file, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        try (FileChannel channel = FileChannel.open(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(permissions))) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Writes {@code bytes} to a new file beside {@code file} and renames it over {@code file} in one step. */
    private static void replace(Path file, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            writeNew(tmp, bytes, permissions);
            move(tmp, file);
            forceDirectory(file.toAbsolutePath().getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + to + " in one step on this file system", e);
        }
    }

    /** Makes renames in {@code directory} durable (Linux allows fsync on a directory). */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse fsync on a directory; the rename itself has happened.
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var entries = Files.list(directory)) {
            for (Path p : entries.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(directory);
    }

    @Override
    public String toString() {
        return "KeyDirectory[" + dir + "]";
    }
}
