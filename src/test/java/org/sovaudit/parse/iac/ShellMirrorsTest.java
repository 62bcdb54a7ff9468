package org.sovaudit.parse.iac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.sovaudit.model.Observation;
import org.sovaudit.parse.ResultBuilder;

class ShellMirrorsTest {

    private static List<String> scan(String command) {
        ResultBuilder out = new ResultBuilder("Dockerfile");
        ShellMirrors.scan(command, 1, command, out);
        return out.build().observations().stream().map(ShellMirrorsTest::row).toList();
    }

    private static String row(Observation o) {
        return o.kind().id() + " " + o.value() + " " + o.role().id() + " " + o.context();
    }

    @Test
    void sedOnAptSources_reportsTheReplacementHost() {
        assertEquals(List.of("hostname mirrors.aliyun.com package-mirror sed"),
                scan("sed -i 's/deb.debian.org/mirrors.aliyun.com/g' /etc/apt/sources.list.d/debian.sources"));
    }

    @Test
    void sedWithPipeDelimiterAndEscapes_staysOneWord() {
        assertEquals(List.of("url https://mirrors.ustc.edu.cn/alpine package-mirror sed"),
                scan("sed -i \"s|https://dl-cdn.alpinelinux.org/alpine|https://mirrors.ustc.edu.cn/alpine|g\" /etc/apk/repositories"));
        assertEquals(List.of("hostname mirrors.tuna.tsinghua.edu.cn package-mirror sed"),
                scan("sed -i 's/archive\\.ubuntu\\.com/mirrors\\.tuna\\.tsinghua\\.edu\\.cn/' /etc/apt/sources.list"));
    }

    @Test
    void sedOnAnUnrelatedFile_isNotAMirror() {
        assertEquals(List.of(), scan("sed -i 's/localhost/db.example.org/' /app/config.ini"));
    }

    @Test
    void goproxyList_reportsEachProxyButNotDirect() {
        assertEquals(List.of("url https://goproxy.cn package-mirror go", "url https://proxy.golang.org package-mirror go"),
                scan("go env -w GOPROXY=https://goproxy.cn,https://proxy.golang.org,direct"));
    }

    @Test
    void npmAndPipOptions_areMirrors_otherUrlsUnknown() {
        assertEquals(List.of("url https://registry.npmmirror.com package-mirror npm",
                        "url https://docs.example.org/setup unknown "),
                scan("npm install --registry=https://registry.npmmirror.com && echo 'see https://docs.example.org/setup'"));
        assertEquals(List.of("url https://pypi.example.org/simple package-mirror pip"),
                scan("pip install -i https://user:pw@pypi.example.org/simple torch"));
    }

    @Test
    void curlAndWgetDownloads_arePackageSources_aRequestIsAnApi() {
        assertEquals(List.of("url https://get.example.org/install.sh package-mirror curl download",
                        "url https://dl.example.net/tool/1.2/tool.tar.gz package-mirror wget download",
                        "url https://git.example.org/ops/plugins.git package-mirror git clone"),
                scan("curl -fsSL https://get.example.org/install.sh | sh && wget -q https://dl.example.net/tool/1.2/tool.tar.gz"
                        + " && git clone --depth 1 https://git.example.org/ops/plugins.git /opt/plugins"));
        assertEquals(List.of("url https://api.example.com/v2/register api-endpoint curl request"),
                scan("curl -fsS -X POST --data @/etc/agent.json https://api.example.com/v2/register"));
    }

    @Test
    void aUrlThatOnlyStartsLikeADownload_isNotOne() {
        // the download fetches a longer URL; the shorter one is only echoed
        assertEquals(List.of("url https://dl.example.net/tool/ unknown ", "url https://dl.example.net/tool/a.zip package-mirror wget download"),
                scan("echo 'see https://dl.example.net/tool/' ; wget https://dl.example.net/tool/a.zip"));
    }

    @Test
    void loopbackUrls_nameNobody() {
        assertEquals(List.of(), scan("curl -fsS http://localhost:8080/health && wget -qO- http://127.0.0.1:9090/-/ready"
                + " && curl http://[::1]:8500/v1/status"));
    }

    @Test
    void echoedDebLine_reportsTheRepository() {
        assertEquals(List.of("url https://repo.example.cn/debian package-mirror apt"),
                scan("echo \"deb [arch=amd64] https://repo.example.cn/debian bookworm main\" > /etc/apt/sources.list"));
    }

    @Test
    void substitution_readsReplacementWithEscapes() {
        assertEquals(Optional.of("a/b"), ShellMirrors.substitution("s/x/a\\/b/g"));
        assertEquals(Optional.empty(), ShellMirrors.substitution("s/x//g"));
        assertEquals(Optional.empty(), ShellMirrors.substitution("s/x"));
    }

    @Test
    void ppaShortcut_isTheLaunchpadArchive_andKeyserverAMirror() {
        assertEquals(List.of("url https://ppa.launchpadcontent.net/deadsnakes/ppa/ubuntu package-mirror apt ppa",
                        "hostname keyserver.ubuntu.com package-mirror keyserver"),
                scan("add-apt-repository -y ppa:deadsnakes/ppa && gpg --keyserver keyserver.ubuntu.com --recv-keys 6A755776"));
        assertEquals(Optional.empty(), ShellMirrors.ppa("ppa:no-slash"));
    }

    @Test
    void continuedCommand_valueStandsOnTheLineThatHoldsIt() {
        List<String> physical = List.of("RUN curl -fsSL https://get.example.org/key.gpg | apt-key add - && \\",
                "    echo \"deb https://get.example.org/ubuntu jammy main\" > /etc/apt/sources.list.d/x.list");
        ResultBuilder out = new ResultBuilder("Dockerfile");
        ShellMirrors.scan(String.join(" ", physical).replace("\\", ""), physical, 7, out);
        assertEquals(List.of("https://get.example.org/key.gpg@7", "https://get.example.org/ubuntu@8"),
                out.build().observations().stream().map(o -> o.value() + "@" + o.where().line()).toList());
    }
}
