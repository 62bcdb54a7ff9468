package org.sovaudit.evidence.sign;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.sovaudit.model.Digests;

/**
 * The appliance's signing key and its self-signed certificate.
 *
 * <p>Files in the key directory:
 * <ul>
 *   <li>{@value #KEY_FILE}: the private key, unencrypted PKCS#8 PEM, mode 0600 from the moment it
 *       is created. A key file that group or others may access is refused.</li>
 *   <li>{@value #CERTIFICATE_FILE}: the X.509 v3 certificate, self-signed, PEM. Reviewers pin it.</li>
 * </ul>
 *
 * <p>The key is ECDSA on P-256, which OpenSSL 3.0 verifies in CMS (it cannot verify Ed25519 CMS).
 * Signatures use deterministic nonces (RFC 6979): the same report signed at the same time gives
 * the same bytes. The certificate: subject and issuer {@code CN=sovaudit appliance <first 16 hex
 * digits of the key id>}, serial the first 16 bytes of the key id, valid from the creating clock's
 * instant (whole seconds) for 10 years, basicConstraints CA:false and keyUsage digitalSignature
 * (both critical), subjectKeyIdentifier per RFC 7093 method 1 (the leftmost 160 bits of the
 * SHA-256 of the subjectPublicKey bits).
 */
public final class ApplianceKeys {

    public static final String KEY_FILE = "appliance-key.pem";
    public static final String CERTIFICATE_FILE = "appliance.pem";

    static final int VALIDITY_YEARS = 10;
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

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final String keyId;
    private final String certificatePem;

    private ApplianceKeys(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.keyId = Certificates.keyId(certificate);
        this.certificatePem = Certificates.toPem(certificate);
    }

    /**
     * Loads the key and certificate from {@code keyDir}, or creates both there when neither exists.
     *
     * @param clock the appliance clock: a new certificate is valid from its instant; a loaded
     *              certificate must be valid at its instant
     * @throws KeyException when only one of the two files exists, the key file is accessible to
     *                      group or others, a file does not parse, the key and certificate do not
     *                      belong together, or the certificate is not valid at the clock's instant
     */
    public static ApplianceKeys loadOrCreate(Path keyDir, Clock clock) {
        Objects.requireNonNull(keyDir, "keyDir");
        Objects.requireNonNull(clock, "clock");
        if (!keyDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            throw new KeyException("the file system of " + keyDir
                    + " has no POSIX permissions, so the private key could not be kept private");
        }
        Path keyFile = keyDir.resolve(KEY_FILE);
        Path certificateFile = keyDir.resolve(CERTIFICATE_FILE);
        boolean hasKey = Files.exists(keyFile);
        boolean hasCertificate = Files.exists(certificateFile);
        if (!hasKey && !hasCertificate) {
            return create(keyDir, keyFile, certificateFile, clock.instant());
        }
        if (!hasKey) {
            throw new KeyException(certificateFile + " exists but the private key " + keyFile
                    + " is missing; restore the key from its backup, or move the certificate away to create a new key");
        }
        if (!hasCertificate) {
            throw new KeyException(keyFile + " exists but the certificate " + certificateFile
                    + " is missing; restore the certificate from its backup, or move the key away to create a new key");
        }
        return load(keyFile, certificateFile, clock.instant());
    }

    /** Lower-case hex SHA-256 of the certificate's SubjectPublicKeyInfo in DER; see {@link Certificates#keyId}. */
    public String keyId() {
        return keyId;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as written to {@value #CERTIFICATE_FILE}: one PEM block, '\n' line ends. */
    public String certificatePem() {
        return certificatePem;
    }

    /**
     * Signs {@code content} as detached CMS SignedData in DER: digest SHA-256, signature
     * ecdsa-with-SHA256, signed attributes content-type (id-data), message-digest, signing-time
     * and CMS algorithm protection (RFC 6211); the signer certificate is included.
     *
     * <p>{@code openssl cms -verify -binary -inform DER -in report.json.p7s -content report.json
     * -CAfile appliance.pem -purpose any} accepts the result.
     *
     * @param signingTime the signing-time attribute, from the caller's clock; CMS time has whole
     *                    seconds, so a fraction is dropped
     */
    public byte[] sign(byte[] content, Instant signingTime) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(signingTime, "signingTime");
        try {
            AttributeTable attributes = new AttributeTable(new Attribute(CMSAttributes.signingTime,
                    new DERSet(new org.bouncycastle.asn1.cms.Time(Date.from(signingTime), Locale.ROOT))));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attributes))
                    .build(new DeterministicEcdsaSigner(privateKey), certificate));
            generator.addCertificate(new JcaX509CertificateHolder(certificate));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            // Bouncy Castle reports signing failures with several checked and unchecked types.
            throw new KeyException("cannot sign with key " + keyId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ApplianceKeys[keyId=" + keyId + "]";
    }

    private static ApplianceKeys create(Path keyDir, Path keyFile, Path certificateFile, Instant now) {
        KeyPair pair;
        X509Certificate certificate;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
            certificate = selfSign(pair, now);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new KeyException("cannot create the appliance key: " + e.getMessage(), e);
        }
        try {
            if (!Files.isDirectory(keyDir)) {
                Files.createDirectories(keyDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            }
        } catch (IOException e) {
            throw new KeyException("cannot create key directory " + keyDir + ": " + e.getMessage(), e);
        }
        byte[] keyPem = Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII);
        byte[] certificatePem = Certificates.toPem(certificate).getBytes(StandardCharsets.US_ASCII);
        try {
            writeNew(keyFile, keyPem, OWNER_READ_WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new KeyException(keyFile + " appeared while the key was being created; is another appliance process starting?", e);
        } catch (IOException e) {
            throw new KeyException("cannot write the private key " + keyFile + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(keyPem, (byte) 0);
        }
        try {
            writeNew(certificateFile, certificatePem, PUBLIC_READ);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(keyFile);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new KeyException("cannot write the certificate " + certificateFile + ": " + e.getMessage(), e);
        }
        return new ApplianceKeys(pair.getPrivate(), certificate);
    }

    private static X509Certificate selfSign(KeyPair pair, Instant now) throws GeneralSecurityException, IOException {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        byte[] keyIdBytes = Digests.sha256(spki.getEncoded(ASN1Encoding.DER));
        String keyId = Digests.hex(keyIdBytes);
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "sovaudit appliance " + keyId.substring(0, 16))
                .build();
        BigInteger serial = new BigInteger(1, Arrays.copyOf(keyIdBytes, 16));
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.atZone(ZoneOffset.UTC).plusYears(VALIDITY_YEARS).toInstant();
        byte[] subjectKeyId = Arrays.copyOf(Digests.sha256(spki.getPublicKeyData().getBytes()), 20);
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, serial,
                new Time(Date.from(notBefore), Locale.ROOT), new Time(Date.from(notAfter), Locale.ROOT), name, spki)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(subjectKeyId));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new DeterministicEcdsaSigner(pair.getPrivate())));
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

    private static ApplianceKeys load(Path keyFile, Path certificateFile, Instant now) {
        byte[] keyBytes = readPrivateKeyFile(keyFile);
        PrivateKey privateKey;
        try {
            privateKey = parsePrivateKey(keyFile, keyBytes);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
        X509Certificate certificate = readCertificate(certificateFile);
        requireP256(certificateFile, certificate);
        requireKeyMatches(keyFile, certificateFile, privateKey, certificate);
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw new KeyException("the clock says " + now + ", before the certificate " + certificateFile
                    + " becomes valid (" + notBefore + "); set the system clock: signatures made now would not verify");
        }
        if (now.isAfter(notAfter)) {
            throw new KeyException("the certificate " + certificateFile + " expired on " + notAfter
                    + " (clock says " + now + "); a new appliance key is needed");
        }
        return new ApplianceKeys(privateKey, certificate);
    }

    private static byte[] readPrivateKeyFile(Path keyFile) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(keyFile, PosixFileAttributes.class);
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
                    + " 'chmod 600 " + keyFile + "'; otherwise create a new key");
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

    private static PrivateKey parsePrivateKey(Path keyFile, byte[] bytes) {
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            object = parser.readObject();
        } catch (Exception e) {
            throw new KeyException("the private key " + keyFile + " is not readable PEM: " + e.getMessage(), e);
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new KeyException("the private key " + keyFile + " is encrypted; this release reads unencrypted PKCS#8 keys only");
        }
        if (!(object instanceof PrivateKeyInfo info)) {
            throw new KeyException("the private key " + keyFile + " holds no PKCS#8 'PRIVATE KEY' PEM block"
                    + (object == null ? "" : " (found " + object.getClass().getSimpleName() + ")"));
        }
        try {
            return new JcaPEMKeyConverter().setProvider(Bc.PROVIDER).getPrivateKey(info);
        } catch (Exception e) {
            throw new KeyException("the private key " + keyFile + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    private static X509Certificate readCertificate(Path certificateFile) {
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
        try {
            return Certificates.fromPem(pem);
        } catch (KeyException e) {
            throw new KeyException("the certificate " + certificateFile + " is unusable: " + e.getMessage(), e);
        }
    }

    private static void requireP256(Path certificateFile, X509Certificate certificate) {
        AlgorithmIdentifier algorithm;
        try {
            algorithm = new JcaX509CertificateHolder(certificate).getSubjectPublicKeyInfo().getAlgorithm();
        } catch (Exception e) {
            throw new KeyException("the certificate " + certificateFile + " is unusable: " + e.getMessage(), e);
        }
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                || algorithm.getParameters() == null
                || !SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters().toASN1Primitive())) {
            throw new KeyException("the certificate " + certificateFile + " holds a " + algorithm.getAlgorithm()
                    + " key; this release signs with ECDSA P-256 keys only");
        }
    }

    private static void requireKeyMatches(Path keyFile, Path certificateFile, PrivateKey privateKey,
                                          X509Certificate certificate) {
        boolean matches;
        try {
            Signature signer = Signature.getInstance("SHA256withECDDSA", Bc.PROVIDER);
            signer.initSign(privateKey);
            signer.update(KEY_MATCH_CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA", Bc.PROVIDER);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(KEY_MATCH_CHALLENGE);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyException("cannot check that " + keyFile + " and " + certificateFile
                    + " belong together: " + e.getMessage(), e);
        }
        if (!matches) {
            throw new KeyException("the private key " + keyFile + " does not belong to the certificate "
                    + certificateFile + " (key id " + Certificates.keyId(certificate)
                    + "); restore the matching pair from backup");
        }
    }
}
