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
 *   features     int64 [batch, K]                 feature buckets, 0 = padding
 *   embeddings   float16 [V, D] --Cast(float)-->  [V, D]
 *   Gather(embeddings, features, axis 0)          [batch, K, D]
 *   ReduceSum(axes [1], keepdims 0)               sum [batch, D]
 *   Greater(features, 0) -> Cast(float) -> ReduceSum(axes [1], keepdims 1) -> Max(., 1)   count [batch, 1]
 *   Div(sum, count)                               mean [batch, D]
 *   MatMul(mean, weights float [D, C])            [batch, C]
 *   Add(bias float [C])                           logits (already divided by the temperature)
 *   Softmax(axis 1)                               probabilities float [batch, C]
 * </pre>
 * The embedding table is stored in half precision to keep the file small; ONNX Runtime folds the
 * Cast of the constant table into a float table once, at session start. The class layer carries the
 * calibration: weights and bias divided by the temperature, which is exact for a linear layer.
 * Output bytes depend only on the inputs.
 */
final class OnnxExport {

    private static final int OPSET = 13;
    private static final long IR_VERSION = 8;

    private OnnxExport() {
    }

    static byte[] write(FastTextTrainer.Model model, int width, String docString, Map<String, String> metadata) {
        int v = model.buckets();
        int d = model.dim();
        int c = model.classes();
        double t = model.temperature();

        ByteBuffer half = ByteBuffer.allocate(v * d * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float e : model.embeddings()) {
            half.putShort(Float.floatToFloat16(e));
        }
        ByteBuffer weights = ByteBuffer.allocate(d * c * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float w : model.weights()) {
            weights.putFloat((float) (w / t));
        }
        ByteBuffer bias = ByteBuffer.allocate(c * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float b : model.bias()) {
            bias.putFloat((float) (b / t));
        }
        ByteBuffer axes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L);
        ByteBuffer zero = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0L);
        ByteBuffer one = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f);

        int floatType = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
                .setName("sovaudit-attribution")
                .addInitializer(tensor("embeddings_f16", OnnxMl.TensorProto.DataType.FLOAT16, half.array(), v, d))
                .addInitializer(tensor("class_weights", OnnxMl.TensorProto.DataType.FLOAT, weights.array(), d, c))
                .addInitializer(tensor("class_bias", OnnxMl.TensorProto.DataType.FLOAT, bias.array(), c))
                .addInitializer(tensor("sum_axes", OnnxMl.TensorProto.DataType.INT64, axes.array(), 1))
                .addInitializer(tensor("padding", OnnxMl.TensorProto.DataType.INT64, zero.array()))
                .addInitializer(tensor("one", OnnxMl.TensorProto.DataType.FLOAT, one.array(), 1))
                .addInput(valueInfo("features", OnnxMl.TensorProto.DataType.INT64, width))
                .addOutput(valueInfo("probabilities", OnnxMl.TensorProto.DataType.FLOAT, c))
                .addNode(node("Cast", "cast_embeddings", List.of("embeddings_f16"), "embeddings", intAttribute("to", floatType)))
                .addNode(node("Gather", "gather_rows", List.of("embeddings", "features"), "gathered", intAttribute("axis", 0)))
                .addNode(node("ReduceSum", "sum_rows", List.of("gathered", "sum_axes"), "summed", intAttribute("keepdims", 0)))
                .addNode(node("Greater", "present", List.of("features", "padding"), "present_mask", null))
                .addNode(node("Cast", "cast_mask", List.of("present_mask"), "present_float", intAttribute("to", floatType)))
                .addNode(node("ReduceSum", "count_rows", List.of("present_float", "sum_axes"), "count_raw",
                        intAttribute("keepdims", 1)))
                .addNode(node("Max", "count_at_least_one", List.of("count_raw", "one"), "count", null))
                .addNode(node("Div", "mean_rows", List.of("summed", "count"), "hidden", null))
                .addNode(node("MatMul", "class_layer", List.of("hidden", "class_weights"), "logits_raw", null))
                .addNode(node("Add", "add_bias", List.of("logits_raw", "class_bias"), "logits", null))
                .addNode(node("Softmax", "softmax", List.of("logits"), "probabilities", intAttribute("axis", 1)))
                .build();

        OnnxMl.ModelProto.Builder onnx = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("sovaudit-train")
                .setProducerVersion("2")
                .setDomain("org.sovaudit")
                .setModelVersion(2)
                .setDocString(docString)
                .setGraph(graph);
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            onnx.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return onnx.build().toByteArray();
    }

    private static OnnxMl.TensorProto tensor(String name, OnnxMl.TensorProto.DataType type, byte[] raw, long... dims) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        for (long dim : dims) {
            t.addDims(dim);
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
