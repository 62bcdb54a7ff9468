package org.sovaudit.parse.iac.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.ParseResult;
import org.sovaudit.parse.TestFiles;

/**
 * hcl4j registers a {@code data "http"} lookup that fetches its URL while parsing. The parser must
 * never let it: a listening socket named by such a block sees no connection.
 */
class TerraformParserNetworkIT {

    @Test
    void dataHttpBlock_isNeverFetched() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            String tf = """
                    data "http" "region" {
                      url = "http://127.0.0.1:%d/region"
                    }
                    data "http" "other" {
                      url = "http://localhost:%d/other"
                    }
                    locals {
                      body   = data.http.region.response_body
                      region = jsondecode(data.http.other.response_body).region
                    }
                    provider "huaweicloud" {
                      region = local.region
                    }
                    provider "aws" {
                      region = "eu-west-1"
                    }
                    """.formatted(port, port);
            ParseResult result = new TerraformParser().parse(TestFiles.file("infra/lookup.tf", tf));

            // parsing is synchronous: a fetch would have connected before parse returned and wait in the backlog
            server.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, server::accept, "the parser connected to the data source URL");
            // never fetched; and a loopback URL names no party, so it is no observation either
            assertEquals(List.of("huaweicloud", "aws", "eu-west-1"), result.observations().stream().map(o -> o.value()).toList());
        }
    }
}
