package org.sovaudit.serve;

import org.sovaudit.assess.Policy;
import org.sovaudit.collect.CollectLimits;

/**
 * What the server needs beside the audit service.
 *
 * @param port           0 picks a free port
 * @param maxUploadBytes the largest accepted upload; larger requests get 413
 * @param policy         the policy uploads are judged by; {@code ?home=XX} may set its home
 */
public record ServeSettings(String host, int port, long maxUploadBytes, CollectLimits limits, Policy policy) {
}
