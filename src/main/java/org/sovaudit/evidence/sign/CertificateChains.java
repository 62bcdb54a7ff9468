package org.sovaudit.evidence.sign;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks of an appliance certificate chain (the key's certificate first, then each issuer's) and of
 * its link to a certificate the reviewer trusts. Deliberately small and explicit, so that each
 * failure names the certificate and the reason:
 * <ul>
 *   <li>each certificate is valid at the given time (the signing time, not today: a report signed
 *       while the certificate was valid stays verifiable after it expires);</li>
 *   <li>each certificate names the next as its issuer and its signature verifies with the next's key;</li>
 *   <li>each issuer is a CA (basicConstraints CA:true; keyCertSign when it has keyUsage);</li>
 *   <li>the first certificate allows digitalSignature when it has keyUsage.</li>
 * </ul>
 * Revocation is not checked: the appliance is offline and so, often, is the reviewer.
 */
public final class CertificateChains {

    private CertificateChains() {
    }

    /** Every problem with {@code chain} at {@code at}; empty when it is a valid chain. */
    public static List<String> problems(List<X509Certificate> chain, Instant at) {
        List<String> problems = new ArrayList<>();
        if (chain == null || chain.isEmpty()) {
            problems.add("the chain is empty");
            return problems;
        }
        X509Certificate leaf = chain.getFirst();
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[0]) {
            problems.add("certificate 1 (" + leaf.getSubjectX500Principal() + ") does not allow digitalSignature");
        }
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            String label = "certificate " + (i + 1) + " (" + c.getSubjectX500Principal() + ")";
            if (at.isBefore(c.getNotBefore().toInstant()) || at.isAfter(c.getNotAfter().toInstant())) {
                problems.add(label + " is not valid at " + at + " (valid " + c.getNotBefore().toInstant() + " to "
                        + c.getNotAfter().toInstant() + ")");
            }
            if (i + 1 < chain.size()) {
                X509Certificate issuer = chain.get(i + 1);
                String link = issues(issuer, c);
                if (link != null) {
                    problems.add(label + ": " + link);
                }
            }
        }
        return problems;
    }

    /**
     * How {@code chain} links to {@code trusted}, or why it does not: the first certificate is the
     * trusted certificate itself (a pinned appliance certificate); or the trusted certificate is
     * one of the chain's issuers; or it issued the chain's last certificate. In the last two cases
     * the chain up to it must be valid at {@code at}.
     */
    public static SignatureCheck trust(List<X509Certificate> chain, X509Certificate trusted, Instant at) {
        if (chain == null || chain.isEmpty()) {
            return SignatureCheck.failed("no certificate chain");
        }
        String trustedKeyId;
        try {
            trustedKeyId = Certificates.keyId(trusted);
        } catch (RuntimeException e) {
            return SignatureCheck.failed("the trusted certificate is unusable: " + e.getMessage());
        }
        if (same(chain.getFirst(), trusted)) {
            return SignatureCheck.ok("the signer certificate is the trusted certificate (key id " + trustedKeyId + ")");
        }
        for (int k = 1; k < chain.size(); k++) {
            if (same(chain.get(k), trusted)) {
                List<String> problems = problems(chain.subList(0, k + 1), at);
                return problems.isEmpty()
                        ? SignatureCheck.ok("the chain leads to the trusted certificate " + trusted.getSubjectX500Principal()
                                + " (certificate " + (k + 1) + " of the chain)")
                        : SignatureCheck.failed("the chain leads to the trusted certificate but is not valid: "
                                + String.join("; ", problems));
            }
        }
        X509Certificate last = chain.getLast();
        if (last.getIssuerX500Principal().equals(trusted.getSubjectX500Principal())) {
            List<String> problems = new ArrayList<>(problems(chain, at));
            String link = issues(trusted, last);
            if (link != null) {
                problems.add("the trusted certificate: " + link);
            }
            if (at.isBefore(trusted.getNotBefore().toInstant()) || at.isAfter(trusted.getNotAfter().toInstant())) {
                problems.add("the trusted certificate is not valid at " + at);
            }
            return problems.isEmpty()
                    ? SignatureCheck.ok("the chain is issued by the trusted certificate " + trusted.getSubjectX500Principal())
                    : SignatureCheck.failed("the chain names the trusted certificate as issuer but is not valid: "
                            + String.join("; ", problems));
        }
        String signerKeyId = Certificates.keyId(chain.getFirst());
        return SignatureCheck.failed("expected key id " + trustedKeyId + " (trusted certificate "
                + trusted.getSubjectX500Principal() + "), actual " + signerKeyId + " (signer " + chain.getFirst().getSubjectX500Principal()
                + "); the trusted certificate is neither the signer's nor an issuer in its chain"
                + (trustedKeyId.equals(signerKeyId) ? " (same key in a different certificate)" : ""));
    }

    /** Why {@code issuer} did not issue {@code subject}, or null when it did. */
    private static String issues(X509Certificate issuer, X509Certificate subject) {
        if (!subject.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return "its issuer is " + subject.getIssuerX500Principal() + " but the next certificate is "
                    + issuer.getSubjectX500Principal();
        }
        if (issuer.getBasicConstraints() < 0) {
            return "its issuer " + issuer.getSubjectX500Principal() + " is not a CA (basicConstraints CA:false or absent)";
        }
        boolean[] usage = issuer.getKeyUsage();
        if (usage != null && (usage.length < 6 || !usage[5])) {
            return "its issuer " + issuer.getSubjectX500Principal() + " may not sign certificates (no keyCertSign)";
        }
        try {
            subject.verify(issuer.getPublicKey(), Bc.PROVIDER);
            return null;
        } catch (Exception e) {
            // verify reports a bad signature and an unusable key with several exception types.
            return "its signature does not verify with the key of " + issuer.getSubjectX500Principal();
        }
    }

    private static boolean same(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }
}
