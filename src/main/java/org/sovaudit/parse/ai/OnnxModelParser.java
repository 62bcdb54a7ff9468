package org.sovaudit.parse.ai;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.ParseException;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;

/**
 * ONNX model files: who produced them. A small bounded reader of the protobuf wire format walks
 * the top-level fields of the {@code ModelProto} only: {@code producer_name} (2) and
 * {@code producer_version} (3) become the product "name version" with the role ai-framework (the
 * exporter or framework: pytorch, tf2onnx, skl2onnx, MindSpore ...), and {@code metadata_props}
 * (14) entries whose key names a model and whose value is a hub id become AI models. The graph and
 * every other field are skipped by length, never decoded; no ONNX Runtime session is ever created
 * on an audited model. A truncated or malformed field is a file error at line 0.
 */
public final class OnnxModelParser implements Parser {

    private static final int MAX_STRING = 4096;
    private static final int MAX_PROPS = 256;
    private static final int FIELD_PRODUCER_NAME = 2;
    private static final int FIELD_PRODUCER_VERSION = 3;
    private static final int FIELD_METADATA_PROPS = 14;
    private static final int FIELD_GRAPH = 7;
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");

    @Override
    public String id() {
        return "onnx-model";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "ONNX model files (.onnx): producer and version, model ids in metadata (the graph is never loaded)";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.AI_FRAMEWORK, Role.AI_MODEL);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return file.name().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** One metadata entry. */
    private record Property(String key, String value) {
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ResultBuilder out = new ResultBuilder(file.path());
        byte[] bytes = file.bytes();
        String producer = null;
        String version = null;
        List<Property> properties = new ArrayList<>();
        boolean sawGraph = false;
        try {
            Wire wire = new Wire(bytes, 0, bytes.length);
            while (wire.more()) {
                long tag = wire.varint();
                int field = (int) (tag >>> 3);
                int type = (int) (tag & 7);
                if (field <= 0) {
                    throw new ParseException("field number 0 at byte " + wire.position());
                }
                if (type == 2 && field == FIELD_PRODUCER_NAME) {
                    producer = wire.string();
                } else if (type == 2 && field == FIELD_PRODUCER_VERSION) {
                    version = wire.string();
                } else if (type == 2 && field == FIELD_METADATA_PROPS && properties.size() < MAX_PROPS) {
                    properties.add(property(wire.bytes()));
                } else {
                    sawGraph |= field == FIELD_GRAPH;
                    wire.skip(type);
                }
            }
        } catch (ParseException e) {
            out.error(0, "not a readable ONNX model: " + e.getMessage());
            return out.build();
        }
        if (producer == null && !sawGraph) {
            out.error(0, "not an ONNX model: neither a producer nor a graph");
            return out.build();
        }
        String description = "ONNX model, producer " + (producer == null ? "unknown" : producer)
                + (version == null || version.isBlank() ? "" : " " + version);
        if (producer != null && !producer.isBlank()) {
            String product = (producer.strip() + (version == null || version.isBlank() ? "" : " " + version.strip())).strip();
            out.add(ObservationKind.PRODUCT, product, Role.AI_FRAMEWORK, 0, description, "onnx producer");
        }
        for (Property p : properties) {
            String key = p.key().toLowerCase(Locale.ROOT);
            String value = p.value().strip();
            if (key.contains("model") && MODEL_ID.matcher(value).matches()) {
                out.add(ObservationKind.AI_MODEL, value, Role.AI_MODEL, 0, description, "onnx metadata " + p.key());
            }
        }
        return out.build();
    }

    private static Property property(byte[] message) {
        Wire wire = new Wire(message, 0, message.length);
        String key = "";
        String value = "";
        while (wire.more()) {
            long tag = wire.varint();
            int field = (int) (tag >>> 3);
            int type = (int) (tag & 7);
            if (type == 2 && field == 1) {
                key = wire.string();
            } else if (type == 2 && field == 2) {
                value = wire.string();
            } else {
                wire.skip(type);
            }
        }
        return new Property(key, value);
    }

    /** A cursor over protobuf wire format with every length checked against the buffer. */
    private static final class Wire {
        private final byte[] b;
        private int pos;
        private final int end;

        Wire(byte[] b, int from, int end) {
            this.b = b;
            this.pos = from;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int position() {
            return pos;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new ParseException("truncated varint at byte " + pos);
                }
                byte x = b[pos++];
                result |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return result;
                }
            }
            throw new ParseException("varint longer than 10 bytes at byte " + pos);
        }

        int length() {
            long n = varint();
            if (n < 0 || n > end - pos) {
                throw new ParseException("field of " + n + " bytes runs past the end at byte " + pos);
            }
            return (int) n;
        }

        byte[] bytes() {
            int n = length();
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        String string() {
            int n = length();
            String s = new String(b, pos, Math.min(n, MAX_STRING), StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        void skip(int type) {
            switch (type) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> advance(length());
                case 5 -> advance(4);
                default -> throw new ParseException("unsupported wire type " + type + " at byte " + pos);
            }
        }

        private void advance(int n) {
            if (n > end - pos) {
                throw new ParseException("field runs past the end at byte " + pos);
            }
            pos += n;
        }
    }
}
