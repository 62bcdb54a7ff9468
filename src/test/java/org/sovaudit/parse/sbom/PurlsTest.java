package org.sovaudit.parse.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PurlsTest {

    @Test
    void normalize_dropsQualifiersAndSubpath_andLowerCasesPypiAndNpm() {
        assertEquals(Optional.of("pkg:pypi/flask-cors@4.0.1"), Purls.normalize("pkg:pypi/Flask_Cors@4.0.1?extension=whl"));
        assertEquals(Optional.of("pkg:npm/%40alicloud/openapi-client@0.4.10"), Purls.normalize("pkg:npm/%40AliCloud/OpenAPI-Client@0.4.10"));
        assertEquals(Optional.of("pkg:maven/com.huaweicloud.sdk/huaweicloud-sdk-core@3.1.0"),
                Purls.normalize("pkg:maven/com.huaweicloud.sdk/huaweicloud-sdk-core@3.1.0?type=jar#sub/path"));
    }

    @Test
    void invalidOrOversized_isEmpty() {
        assertEquals(Optional.empty(), Purls.normalize("not-a-purl"));
        assertEquals(Optional.empty(), Purls.normalize("pkg:npm/" + "a".repeat(600)));
        assertEquals(Optional.empty(), Purls.of("pypi", null, " ", null));
    }
}
