package org.sovaudit.parse.host;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Package URLs (purl) without qualifiers, as the value conventions write them:
 * {@code pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15}, {@code pkg:rpm/openeuler/kernel@5.10.0-216.oe2203sp3}.
 * Name and version are percent-encoded except for the unreserved characters
 * {@code A-Z a-z 0-9 . - _ ~} (so an epoch's {@code :} is {@code %3A} and a {@code +} is {@code %2B}).
 */
final class Purls {

    /** Package-name prefixes of AI frameworks and accelerator runtimes in distribution packages. */
    private static final List<String> AI_PREFIXES = List.of(
            "cuda", "libcudnn", "libnccl", "libnvinfer", "tensorrt", "nvidia-cuda", "libcublas", "rocm", "hip-runtime",
            "miopen", "rccl", "python3-torch", "python3-tensorflow", "python3-onnx", "libtorch", "pytorch", "tensorflow",
            "mindspore", "ascend", "cann-", "onnxruntime", "openvino", "intel-openvino", "paddlepaddle", "python3-paddle");

    private Purls() {
    }

    /** {@code pkg:<type>/<namespace>/<name>@<version>}; namespace and version may be empty. */
    static String of(String type, String namespace, String name, String version) {
        StringBuilder sb = new StringBuilder("pkg:").append(type).append('/');
        if (!namespace.isEmpty()) {
            sb.append(encode(namespace.toLowerCase(Locale.ROOT))).append('/');
        }
        sb.append(encode(name));
        if (!version.isEmpty()) {
            sb.append('@').append(encode(version));
        }
        return sb.toString();
    }

    /** Whether a distribution package is an AI framework or accelerator runtime, by a short list of name prefixes. */
    static boolean aiFramework(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String prefix : AI_PREFIXES) {
            if (n.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }
}
