package org.sovaudit.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

/**
 * Writes the fastText-shaped graph as an ONNX model (opset 13), built directly with the ONNX
 * protobuf classes:
 * <pre>
 *   features  int64 [batch, K]
 *   weights   float16 [V, C] --Cast(float)--> [V, C]
 *   Gather(weights, features, axis 0)   -> [batch, K, C]
 *   ReduceSum(axes [1], keepdims 0)     -> [batch, C]
 *   Add(bias float [C])                 -> logits
 *   Softmax(axis 1)                     -> probabilities float [batch, C]
 * </pre>
 * The table is stored in half precision to keep the file small; ONNX Runtime folds the Cast of the
 * constant table into a float table once, at session start. Output bytes depend only on the inputs.
 */
final class OnnxExport {

    private static final int OPSET = 13;
    private static final long IR_VERSION = 8;

    private OnnxExport() {
    }

    static byte[] write(SoftmaxTrainer.Weights weights, int width, String docString, Map<String, String> metadata) {
        int v = weights.buckets();
        int c = weights.classes();

        ByteBuffer half = ByteBuffer.allocate(v * c * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float w : weights.weights()) {
            half.putShort(Float.floatToFloat16(w));
        }
        ByteBuffer bias = ByteBuffer.allocate(c * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float b : weights.bias()) {
            bias.putFloat(b);
        }
        ByteBuffer axes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L);

        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
                .setName("sovaudit-attribution")
                .addInitializer(tensor("weights_f16", OnnxMl.TensorProto.DataType.FLOAT16, half.array(), v, c))
                .addInitializer(tensor("bias", OnnxMl.TensorProto.DataType.FLOAT, bias.array(), c))
                .addInitializer(tensor("sum_axes", OnnxMl.TensorProto.DataType.INT64, axes.array(), 1))
                .addInput(valueInfo("features", OnnxMl.TensorProto.DataType.INT64, width))
                .addOutput(valueInfo("probabilities", OnnxMl.TensorProto.DataType.FLOAT, c))
                .addNode(node("Cast", "cast_weights", List.of("weights_f16"), "weights",
                        intAttribute("to", OnnxMl.TensorProto.DataType.FLOAT.getNumber())))
                .addNode(node("Gather", "gather_rows", List.of("weights", "features"), "gathered",
                        intAttribute("axis", 0)))
                .addNode(node("ReduceSum", "sum_rows", List.of("gathered", "sum_axes"), "logits_raw",
                        intAttribute("keepdims", 0)))
                .addNode(node("Add", "add_bias", List.of("logits_raw", "bias"), "logits", null))
                .addNode(node("Softmax", "softmax", List.of("logits"), "probabilities", intAttribute("axis", 1)))
                .build();

        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("sovaudit-train")
                .setProducerVersion("1")
                .setDomain("org.sovaudit")
                .setModelVersion(1)
                .setDocString(docString)
                .setGraph(graph);
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            model.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return model.build().toByteArray();
    }

    private static OnnxMl.TensorProto tensor(String name, OnnxMl.TensorProto.DataType type, byte[] raw, long... dims) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        return t.setRawData(ByteString.copyFrom(raw)).build();
    }

    /** A tensor of shape [batch, width] with a symbolic batch dimension. */
    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, long width) {
        OnnxMl.TensorShapeProto shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                .build();
        OnnxMl.TypeProto typeProto = OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))
                .build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(typeProto).build();
    }

    private static OnnxMl.NodeProto node(String op, String name, List<String> inputs, String output,
                                         OnnxMl.AttributeProto attribute) {
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        inputs.forEach(n::addInput);
        if (attribute != null) {
            n.addAttribute(attribute);
        }
        return n.build();
    }

    private static OnnxMl.AttributeProto intAttribute(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }
}
