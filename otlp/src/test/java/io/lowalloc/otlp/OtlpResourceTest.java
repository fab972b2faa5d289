package io.lowalloc.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpResourceTest {

    @Test
    void attributesAreKeptInKeyOrderAndEncodedOnce() throws Exception {
        OtlpResource resource = OtlpResource.builder()
                .put("z.bool", true)
                .put("b.double", 1.5)
                .put("a.long", -3L)
                .serviceName("checkout")
                .build();

        assertThat(resource.attributes()).containsExactly(
                Map.entry("a.long", -3L), Map.entry("b.double", 1.5), Map.entry("service.name", "checkout"),
                Map.entry("z.bool", true));
        assertThat(resource.serviceName()).isEqualTo("checkout");
        Resource decoded = Resource.parseFrom(resource.encoded());
        assertThat(decoded.getAttributesList()).extracting(KeyValue::getKey)
                .containsExactly("a.long", "b.double", "service.name", "z.bool");
        assertThat(decoded.getAttributes(0).getValue().getIntValue()).isEqualTo(-3L);
        assertThat(decoded.getAttributes(1).getValue().getDoubleValue()).isEqualTo(1.5);
        assertThat(decoded.getAttributes(3).getValue().getBoolValue()).isTrue();
        assertThat(resource.encoded()).isSameAs(resource.encoded());
    }

    @Test
    void aKeyPutAgainReplacesItsValueAndToBuilderStartsFromACopy() {
        OtlpResource first = OtlpResource.builder().put("k", "one").put("k", 2L).build();
        OtlpResource second = first.toBuilder().put("k", "three").remove("absent").build();

        assertThat(first.attributes()).containsExactly(Map.entry("k", 2L));
        assertThat(second.attributes()).containsExactly(Map.entry("k", "three"));
        assertThat(first.serviceName()).isNull();
        assertThat(first).isEqualTo(OtlpResource.builder().put("k", 2L).build()).isNotEqualTo(second);
        assertThat(first.hashCode()).isEqualTo(OtlpResource.builder().put("k", 2L).build().hashCode());
        assertThat(first).hasToString("OtlpResource{k=2}");
    }

    @Test
    void emptyHasNoAttributesAndEncodesToNothing() {
        assertThat(OtlpResource.empty().attributes()).isEmpty();
        assertThat(OtlpResource.empty().encoded()).isEmpty();
        assertThat(OtlpResource.builder().build()).isSameAs(OtlpResource.empty());
    }

    @Test
    void attributesAreUnmodifiable() {
        Map<String, Object> attributes = OtlpResource.builder().serviceName("s").build().attributes();

        assertThatThrownBy(() -> attributes.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badKeysAndValuesAreRejected() {
        OtlpResource.Builder builder = OtlpResource.builder();

        assertThatThrownBy(() -> builder.put("", "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key must not be empty");
        assertThatThrownBy(() -> builder.put(null, 1L))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> builder.put("k", (String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> builder.serviceName(null))
                .isInstanceOf(NullPointerException.class).hasMessage("serviceName");
        assertThatThrownBy(() -> builder.remove(null))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
    }
}
