package org.sovaudit.attribute.update;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** A publisher key made for one test: signs manifests as the real publisher does (detached CMS, ECDSA P-256, SHA-256). */
final class TestPublisher {

    final KeyPair keys;
    final X509Certificate certificate;

    TestPublisher(String name) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            keys = g.generateKeyPair();
            Instant now = Instant.now();
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("O=sovaudit test,CN=" + name),
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(365, ChronoUnit.DAYS)), new X500Name("O=sovaudit test,CN=" + name), keys.getPublic());
            certificate = new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] sign(byte[] content) {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(signer, certificate));
            gen.addCertificate(new JcaX509CertificateHolder(certificate));
            CMSSignedData signed = gen.generate(new CMSProcessableByteArray(content), false);
            return signed.toASN1Structure().getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A package of the committed knowledge base and model, signed by this publisher. */
    Path pack(Path dir, String version) throws IOException {
        return pack(dir, version, Path.of("models", "kb"), Path.of("models", "attribution.onnx"));
    }

    Path pack(Path dir, String version, Path kbDir, Path model) throws IOException {
        UpdateManifest manifest = UpdatePackage.manifest(version, kbDir, model);
        Path out = dir.resolve("sovaudit-models-" + version + ".zip");
        UpdatePackage.write(out, manifest, sign(manifest.toJson()), kbDir, model);
        return out;
    }
}
