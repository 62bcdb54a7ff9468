package org.sovaudit.evidence.sign;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.sovaudit.model.Digests;

/**
 * One unlocked appliance key: its private key, its certificate chain, and the signatures it makes.
 * Loaded or created by {@link KeyDirectory}; the private key never leaves this object.
 *
 * <p>The self-signed certificate of a key made by this release: subject and issuer
 * {@code SERIALNUMBER=<appliance id>, CN=sovaudit appliance <first 16 hex digits of the key id>},
 * serial the first 16 bytes of the key id, valid from the creating clock's instant (whole seconds)
 * for {@value #VALIDITY_YEARS} years, basicConstraints CA:false and keyUsage digitalSignature (both
 * critical), subjectKeyIdentifier per RFC 7093 method 1 (the leftmost 160 bits of the SHA-256 of
 * the subjectPublicKey bits), subjectAltName {@code URI:urn:sovaudit:appliance:<appliance id>}.
 * Keys made by release 0.1 have the same certificate without the appliance id.
 */
public final class ApplianceKeys {

    static final int VALIDITY_YEARS = 10;
    /** The subjectAltName URI prefix that carries the appliance id. */
    public static final String APPLIANCE_URN_PREFIX = "urn:sovaudit:appliance:";

    private final PrivateKey privateKey;
    private final KeyAlgorithm algorithm;
    private final List<X509Certificate> chain;
    private final String keyId;
    private final String chainPem;
    private final String applianceId;

    ApplianceKeys(PrivateKey privateKey, List<X509Certificate> chain, String applianceId) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
        this.algorithm = KeyAlgorithm.of(this.chain.getFirst().getPublicKey());
        this.keyId = Certificates.keyId(this.chain.getFirst());
        this.chainPem = Certificates.toPem(this.chain);
        this.applianceId = applianceId;
    }

    /** Lower-case hex SHA-256 of the certificate's SubjectPublicKeyInfo in DER; see {@link Certificates#keyId}. */
    public String keyId() {
        return keyId;
    }

    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    /** The appliance id this key belongs to. */
    public String applianceId() {
        return applianceId;
    }

    /** This key's certificate: the first of {@link #chain()}. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** The certificate, then the certificates of its issuers when a CA certified it; one for a self-signed key. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** {@link #certificate()} as one PEM block, '\n' line ends. */
    public String certificatePem() {
        return Certificates.toPem(chain.getFirst());
    }

    /** {@link #chain()} as consecutive PEM blocks, as written to {@value KeyDirectory#CERTIFICATE_FILE}. */
    public String chainPem() {
        return chainPem;
    }

    /**
     * Signs {@code content} as detached CMS SignedData in DER (RFC 5652; RFC 8419 for Ed25519):
     * signed attributes content-type (id-data), message-digest, signing-time and CMS algorithm
     * protection (RFC 6211); every certificate of the chain is included. Digest SHA-256 (SHA-512
     * for Ed25519). Deterministic: the same key, content and time give the same bytes.
     *
     * <p>{@code openssl cms -verify -binary -inform DER -in report.json.p7s -content report.json
     * -CAfile chain.pem -purpose any} accepts the result for ECDSA and RSA keys.
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
                    .build(algorithm.contentSigner(privateKey), certificate()));
            for (X509Certificate c : chain) {
                generator.addCertificate(new JcaX509CertificateHolder(c));
            }
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
        } catch (KeyException e) {
            throw e;
        } catch (Exception e) {
            // Bouncy Castle reports signing failures with several checked and unchecked types.
            throw new KeyException("cannot sign with key " + keyId + ": " + e.getMessage(), e);
        }
    }

    /**
     * A plain signature over {@code data}, as signed tree heads carry: DER ECDSA-Sig-Value over
     * SHA-256, PKCS#1 v1.5 over SHA-256, or Ed25519. {@code openssl dgst -sha256 -verify} checks the
     * first two, {@code openssl pkeyutl -verify -rawin} the third.
     */
    public byte[] signRaw(byte[] data) {
        return algorithm.signRaw(privateKey, Objects.requireNonNull(data, "data"));
    }

    /**
     * A PKCS#10 certification request for this key, PEM, for a ministry CA: the certificate's
     * subject, and requested extensions keyUsage digitalSignature (critical) and the appliance id
     * as subjectAltName URI.
     */
    public String certificationRequestPem() {
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            if (applianceId != null) {
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, APPLIANCE_URN_PREFIX + applianceId)));
            }
            Extensions requested = extensions.generate();
            PKCS10CertificationRequest request = new PKCS10CertificationRequestBuilder(
                    new JcaX509CertificateHolder(certificate()).getSubject(),
                    SubjectPublicKeyInfo.getInstance(certificate().getPublicKey().getEncoded()))
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, requested)
                    .build(algorithm.contentSigner(privateKey));
            return Pem.encode("CERTIFICATE REQUEST", request.getEncoded());
        } catch (KeyException e) {
            throw e;
        } catch (Exception e) {
            throw new KeyException("cannot make a certification request with key " + keyId + ": " + e.getMessage(), e);
        }
    }

    /** This key with another certificate chain for the same public key (after import-cert). */
    ApplianceKeys withChain(List<X509Certificate> otherChain) {
        return new ApplianceKeys(privateKey, otherChain, applianceId);
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "ApplianceKeys[keyId=" + keyId + ", algorithm=" + algorithm.id() + "]";
    }

    /** The self-signed certificate of a new key; see the class documentation. */
    static X509Certificate selfSign(KeyPair pair, KeyAlgorithm algorithm, String applianceId, Instant now) {
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
            byte[] keyIdBytes = Digests.sha256(spki.getEncoded(ASN1Encoding.DER));
            String keyId = Digests.hex(keyIdBytes);
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.SERIALNUMBER, applianceId)
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
                    .addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(subjectKeyId))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, APPLIANCE_URN_PREFIX + applianceId)));
            return new JcaX509CertificateConverter().getCertificate(builder.build(algorithm.contentSigner(pair.getPrivate())));
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyException("cannot create the appliance certificate: " + e.getMessage(), e);
        }
    }

    /** The appliance id in {@code certificate}'s subject (SERIALNUMBER), or null when it carries none (release 0.1). */
    public static String applianceIdOf(X509Certificate certificate) {
        try {
            X500Name subject = new JcaX509CertificateHolder(certificate).getSubject();
            RDN[] rdns = subject.getRDNs(BCStyle.SERIALNUMBER);
            return rdns.length == 1 ? IETFUtils.valueToString(rdns[0].getFirst().getValue()) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
