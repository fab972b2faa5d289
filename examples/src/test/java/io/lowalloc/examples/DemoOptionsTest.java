package io.lowalloc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void noArgumentsGiveTheFullRunDefaults() {
        DemoOptions options = DemoOptions.parse();

        assertThat(options).isEqualTo(DemoOptions.defaults());
        assertThat(options.quick()).isFalse();
        assertThat(options.spans()).isEqualTo(DemoOptions.DEFAULT_SPANS);
        assertThat(options.otlpEndpoint()).isNull();
        assertThat(options.help()).isFalse();
    }

    @Test
    void quickLowersTheDefaultSpanCount() {
        assertThat(DemoOptions.parse("--quick")).isEqualTo(DemoOptions.quickRun());
        assertThat(DemoOptions.quickRun().spans()).isEqualTo(DemoOptions.DEFAULT_QUICK_SPANS);
    }

    @Test
    void spansOverridesTheDefaultInEitherMode() {
        assertThat(DemoOptions.parse("--spans", "20000").spans()).isEqualTo(20_000);
        assertThat(DemoOptions.parse("--quick", "--spans", "2_000").spans()).isEqualTo(2_000);
    }

    @Test
    void otlpEndpointIsParsed() {
        DemoOptions options = DemoOptions.parse("--otlp-endpoint", "http://localhost:4318/v1/traces");

        assertThat(options.otlpEndpoint()).isEqualTo(URI.create("http://localhost:4318/v1/traces"));
    }

    @Test
    void helpIsRecognisedInBothSpellings() {
        assertThat(DemoOptions.parse("--help").help()).isTrue();
        assertThat(DemoOptions.parse("-h").help()).isTrue();
    }

    @Test
    void unknownOptionIsRejectedWithAPointerToHelp() {
        assertThatThrownBy(() -> DemoOptions.parse("--fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option: --fast (see --help)");
    }

    @Test
    void spansWithoutValueIsRejected() {
        assertThatThrownBy(() -> DemoOptions.parse("--spans"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--spans needs a value: an integer");
        assertThatThrownBy(() -> DemoOptions.parse("--spans", "--quick"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--spans needs a value: an integer");
    }

    @Test
    void spansThatIsNotANumberIsRejected() {
        assertThatThrownBy(() -> DemoOptions.parse("--spans", "many"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--spans must be an integer in [1000, 250000], was: many");
    }

    @Test
    void spansOutOfRangeIsRejected() {
        assertThatThrownBy(() -> DemoOptions.parse("--spans", "999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--spans must be in [1000, 250000], was: 999");
        assertThatThrownBy(() -> DemoOptions.parse("--spans", "250001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--spans must be in [1000, 250000], was: 250001");
    }

    @Test
    void repeatedOptionsAreRejected() {
        assertThatThrownBy(() -> DemoOptions.parse("--quick", "--quick"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--quick was given more than once");
        assertThatThrownBy(() -> DemoOptions.parse("--spans", "1000", "--spans", "2000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--spans was given more than once");
        assertThatThrownBy(() -> DemoOptions.parse("--otlp-endpoint", "http://a:1", "--otlp-endpoint", "http://b:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--otlp-endpoint was given more than once");
    }

    @Test
    void otlpEndpointWithoutValueIsRejected() {
        assertThatThrownBy(() -> DemoOptions.parse("--otlp-endpoint"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--otlp-endpoint needs a value: a URL such as http://localhost:4318/v1/traces");
    }

    @Test
    void otlpEndpointThatIsNotHttpIsRejected() {
        assertThatThrownBy(() -> DemoOptions.parse("--otlp-endpoint", "grpc://localhost:4317"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--otlp-endpoint must be an http or https URL with a host, was: grpc://localhost:4317");
        assertThatThrownBy(() -> DemoOptions.parse("--otlp-endpoint", "localhost:4318"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--otlp-endpoint must be an http or https URL with a host, was: localhost:4318");
    }

    @Test
    void otlpEndpointThatIsNotAUriIsRejected() {
        assertThatThrownBy(() -> DemoOptions.parse("--otlp-endpoint", "http://local host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--otlp-endpoint must be an http or https URL, was: http://local host");
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> DemoOptions.parse((String[]) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("args");
        assertThatThrownBy(() -> DemoOptions.parse("--quick", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("args[1]");
    }

    @Test
    void usageNamesEveryOption() {
        assertThat(DemoOptions.USAGE).contains("--quick", "--spans N", "--otlp-endpoint URL", "--help");
    }
}
