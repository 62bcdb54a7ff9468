package org.sovaudit.report;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The canonical JSON form: object keys sorted, no insignificant whitespace, UTF-8, absent values
 * omitted, enums written as their lower-case dash-separated ids. The same value always gives the
 * same bytes, which is what lets a signature and a ledger entry speak for a report.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(new SimpleModule("sovaudit-enums").setSerializerModifier(new EnumIds()))
            .build();

    private CanonicalJson() {
    }

    /** The canonical bytes of a report, or of any record tree made of records, lists, maps and scalars. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new ReportException("cannot write canonical JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The mapper, for reading reports back as trees. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** An enum's id: {@code CONTROL_PLANE} becomes {@code control-plane}. */
    public static String enumId(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Our own enums are written as ids; other libraries' enums keep their own form (e.g. SARIF's "2.1.0"). */
    private static final class EnumIds extends BeanSerializerModifier {
        @Override
        public JsonSerializer<?> modifyEnumSerializer(SerializationConfig config, JavaType valueType,
                                                      BeanDescription beanDesc, JsonSerializer<?> serializer) {
            return valueType.getRawClass().getName().startsWith("org.sovaudit.") ? new EnumIdSerializer() : serializer;
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class EnumIdSerializer extends StdSerializer<Enum> {
        EnumIdSerializer() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(enumId(value));
        }
    }
}
