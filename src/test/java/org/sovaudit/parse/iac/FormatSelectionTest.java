package org.sovaudit.parse.iac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.sovaudit.parse.Parser;
import org.sovaudit.parse.Parsers;
import org.sovaudit.parse.TestFiles;

/** The registry sends each infrastructure, PKI, SBOM and AI-stack file to its parser, and look-alikes to none of them. */
class FormatSelectionTest {

    private static Optional<String> chosen(String path, String content) {
        return Parsers.standard().forFile(TestFiles.file(path, content.replace("\\n", "\n"))).map(Parser::id);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            infra/terraform.tfstate                   | {"version": 4}                                              | terraform-json
            ci/plan.json                              | {"format_version":"1.2","terraform_version":"1.8.5"}        | terraform-json
            deploy/docker-compose.yml                 | services:\\n  web:\\n    image: nginx                          | docker-compose
            deploy/stack.yaml                         | services:\\n  web:\\n    image: nginx                          | docker-compose
            services/api/Dockerfile                   | FROM alpine                                                 | dockerfile
            build/Containerfile                       | FROM alpine                                                 | dockerfile
            images/app.dockerfile                     | FROM alpine                                                 | dockerfile
            var/lib/cloud/user-data                   | #cloud-config\\nntp: {servers: [a.example]}                 | cloud-init
            etc/cloud/cloud.cfg.d/90_mirrors.cfg      | apt: {}                                                     | cloud-init
            etc/nova/nova.conf                        | [DEFAULT]                                                   | openstack-conf
            etc/custom/svc.conf                       | [keystone_authtoken]\\nauth_url = http://k:5000              | openstack-conf
            etc/ssl/certs/ca-certificates.crt         | ''                                                          | x509-certificates
            backup/certs.txt                          | -----BEGIN CERTIFICATE-----\\nAA==\\n-----END CERTIFICATE-----   | x509-certificates
            etc/nginx/sites-enabled/default           | server { listen 80; }                                       | web-server-tls
            etc/haproxy/haproxy.cfg                   | global                                                      | web-server-tls
            etc/httpd/conf/httpd.conf                 | Listen 80                                                   | web-server-tls
            sbom/app.cdx.json                         | {}                                                          | cyclonedx
            out/sbom.json                             | {"bomFormat": "CycloneDX"}                                  | cyclonedx
            out/app.spdx.json                         | {}                                                          | spdx-json
            models/qwen/config.json                   | {"architectures": ["Qwen2ForCausalLM"]}                     | huggingface-config
            models/qwen/generation_config.json        | {}                                                          | huggingface-config
            models/ocr.onnx                           | ''                                                          | onnx-model
            app/requirements.txt                      | torch                                                       | pip-requirements
            app/requirements/prod.txt                 | torch                                                       | pip-requirements
            app/pyproject.toml                        | ''                                                          | pyproject-toml
            web/package.json                          | {}                                                          | package-json
            usr/local/cuda/version.json               | {}                                                          | accelerator-runtime
            opt/rocm/.info/version                    | 6.1.0-82                                                    | accelerator-runtime
            srv/app/.env                              | OPENAI_BASE_URL=https://api.openai.com/v1                   | ai-settings
            config/llm.yaml                           | llm:\\n  base_url: https://api.example.org                   | ai-settings
            """)
    void forFile_choosesTheFormatsParser(String path, String content, String expected) {
        assertEquals(Optional.of(expected), chosen(path, content));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            deploy/llm-gateway.yaml   | apiVersion: v1\\nkind: ConfigMap\\ndata:\\n  OPENAI_BASE_URL: https://api.openai.com | kubernetes-yaml
            charts/x/values.yaml      | image:\\n  repository: nginx\\nllm:\\n  base_url: https://api.example.org     | ai-settings
            """)
    void structuredFormatsWin_overTheSettingsSniffer(String path, String content, String expected) {
        assertEquals(Optional.of(expected), chosen(path, content));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            docs/config.json          | {"name": "x"}
            docs/notes.yaml           | title: notes\\nbody: see https://example.org
            notes/Dockerfile.md       | FROM alpine
            data/version.json         | {"cuda": {"version": "1"}}
            etc/app/settings.conf     | [server]\\nport = 80
            """)
    void lookAlikes_areReadByNone(String path, String content) {
        Optional<String> chosen = chosen(path, content);
        // the generic extractor may still keep a URL such a file holds; no specific parser may claim it
        org.junit.jupiter.api.Assertions.assertTrue(chosen.isEmpty() || chosen.get().equals("generic-text"),
                path + " was read by " + chosen);
    }
}
