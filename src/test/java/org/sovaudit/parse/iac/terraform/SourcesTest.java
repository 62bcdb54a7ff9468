package org.sovaudit.parse.iac.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourcesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            terraform-aws-modules/vpc/aws                                           | hostname | registry.terraform.io
            app.terraform.io/ministry/sql/huaweicloud                               | hostname | app.terraform.io
            hashicorp/consul/aws//modules/consul-cluster                            | hostname | registry.terraform.io
            git::https://git.example.org/net.git//modules/core?ref=v2               | url      | https://git.example.org/net.git
            git::ssh://git@github.com/org/repo.git?ref=main                         | url      | ssh://github.com/org/repo.git
            git@github.com:org/repo.git                                             | url      | ssh://github.com/org/repo.git
            github.com/org/repo                                                     | url      | https://github.com/org/repo
            bitbucket.org/org/repo                                                  | url      | https://bitbucket.org/org/repo
            s3::https://s3-eu-west-1.amazonaws.com/bucket/vpc.zip                   | url      | https://s3-eu-west-1.amazonaws.com/bucket/vpc.zip
            gcs::https://www.googleapis.com/storage/v1/modules/m.zip                | url      | https://www.googleapis.com/storage/v1/modules/m.zip
            https://example.org/modules/vpc.zip?archive=zip                         | url      | https://example.org/modules/vpc.zip
            """)
    void remoteSources_becomeTheirSupplier(String source, String kind, String value) {
        Optional<Sources.Source> parsed = Sources.parse(source, "m");
        assertEquals(kind, parsed.orElseThrow().kind().id(), source);
        assertEquals(value, parsed.get().value(), source);
    }

    @ParameterizedTest
    @CsvSource({"./modules/vpc", "../shared", "/abs/path", "${var.source}", "just-a-word", "a/b"})
    void localPathsAndNonAddresses_nameNobody(String source) {
        assertEquals(Optional.empty(), Sources.parse(source, "m"));
    }
}
