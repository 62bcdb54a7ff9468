package org.sovaudit.parse.host;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.sovaudit.model.ObservationKind;
import org.sovaudit.model.ParseResult;
import org.sovaudit.model.Role;
import org.sovaudit.model.SourceFile;
import org.sovaudit.parse.Parser;
import org.sovaudit.parse.ResultBuilder;
import org.sovaudit.parse.TextLines;
import org.sovaudit.parse.Values;
import org.sovaudit.parse.iac.Endpoints;

/**
 * Maven's {@code settings.xml}, read with the JDK's StAX parser with DTDs and external entities
 * off: every {@code <mirror>}'s {@code <url>} (context {@code mirror-of=<mirrorOf>}), every
 * {@code <repository>} and {@code <pluginRepository>} URL of a profile (context {@code repository}
 * or {@code plugin-repository}) and every active {@code <proxy>} host (context {@code proxy}) is a
 * package mirror. Credentials ({@code <server>} passwords, URL user information) are never recorded;
 * other elements whose text holds a host or URL are recorded with an unknown role. Values that are
 * templates ({@code ${env.NEXUS_URL}}, <code>{{.MirrorUrl}}</code>) name nothing until rendered and are
 * skipped, and so are the single-label placeholder URLs of repositories a mirror replaces
 * ({@code http://central}).
 */
public final class MavenSettingsParser implements Parser {

    static final long MAX_BYTES = 1L << 20;
    private static final int MAX_DEPTH = 64;
    private static final Set<String> PRIVATE_ELEMENTS = Set.of("password", "passphrase", "privatekey", "username",
            "nonproxyhosts", "localrepository", "id", "name", "filepermissions", "directorypermissions");

    @Override
    public String id() {
        return "maven-settings";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "Maven settings (settings.xml): mirrors, profile repositories, proxies";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.PACKAGE_MIRROR, Role.UNKNOWN);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return file.name().toLowerCase(Locale.ROOT).endsWith("settings.xml") && file.head(4096).contains("<settings");
    }

    static XMLInputFactory safeFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        XMLStreamReader xml = null;
        try {
            xml = safeFactory().createXMLStreamReader(new StringReader(file.text()));
            read(xml, lines, out);
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
            out.error(line, "XML: " + message(e));
        } catch (RuntimeException e) {
            // the JDK's parser fails this way on some malformed DTDs (a missing message resource)
            int line = xml == null || xml.getLocation() == null ? 0 : Math.max(0, xml.getLocation().getLineNumber());
            out.error(line, "XML: the document is malformed (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // nothing held
                }
            }
        }
        return out.build();
    }

    /** One element's text and the line its start tag stands on. */
    private record Text(String value, int line) {
    }

    private static void read(XMLStreamReader xml, List<String> lines, ResultBuilder out) throws XMLStreamException {
        Deque<String> path = new ArrayDeque<>();
        Map<String, Text> group = new HashMap<>();
        StringBuilder text = new StringBuilder();
        int textLine = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    path.push(xml.getLocalName().toLowerCase(Locale.ROOT));
                    if (path.size() > MAX_DEPTH) {
                        throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH, xml.getLocation());
                    }
                    String name = path.peek();
                    if (name.equals("mirror") || name.equals("repository") || name.equals("pluginrepository") || name.equals("proxy")) {
                        group.clear();
                    }
                    text.setLength(0);
                    textLine = xml.getLocation().getLineNumber();
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(xml.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    String name = path.pop();
                    String parent = path.isEmpty() ? "" : path.peek();
                    String value = text.toString().strip();
                    text.setLength(0);
                    if (!value.isEmpty() && Set.of("mirror", "repository", "pluginrepository", "proxy").contains(parent)) {
                        group.put(name, new Text(value, textLine));
                    } else if (!value.isEmpty() && !PRIVATE_ELEMENTS.contains(name)) {
                        out.addUnexplained(textLine, TextLines.line(lines, textLine));
                    }
                    switch (name) {
                        case "mirror" -> {
                            Text of = group.get("mirrorof");
                            url(group.get("url"), of == null ? "mirror" : "mirror-of=" + of.value(), lines, out);
                        }
                        case "repository" -> repositoryUrl(group.get("url"), "repository", lines, out);
                        case "pluginrepository" -> repositoryUrl(group.get("url"), "plugin-repository", lines, out);
                        case "proxy" -> proxy(group, lines, out);
                        default -> {
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /**
     * A repository's URL; {@code http://central} and other single-label hosts are the placeholders
     * Maven users write for repositories a mirror replaces ({@code mirrorOf *}), not places packages come from.
     */
    private static void repositoryUrl(Text url, String context, List<String> lines, ResultBuilder out) {
        if (url != null && Values.url(url.value()).map(u -> !u.host().ip() && u.host().value().indexOf('.') < 0).orElse(false)) {
            return;
        }
        url(url, context, lines, out);
    }

    private static void url(Text url, String context, List<String> lines, ResultBuilder out) {
        if (url == null) {
            return;
        }
        String raw = TextLines.line(lines, url.line());
        if (url.value().startsWith("file:") || Endpoints.templated(url.value())) {
            return;
        }
        Values.url(url.value()).ifPresentOrElse(
                u -> out.add(ObservationKind.URL, u.value(), Role.PACKAGE_MIRROR, url.line(), raw, context),
                () -> out.error(url.line(), "url '" + url.value() + "' is not a URL with a host"));
    }

    private static void proxy(Map<String, Text> proxy, List<String> lines, ResultBuilder out) {
        Text active = proxy.get("active");
        Text host = proxy.get("host");
        if (host == null || active != null && active.value().equalsIgnoreCase("false") || Endpoints.templated(host.value())) {
            return;
        }
        Values.host(host.value()).ifPresentOrElse(
                h -> out.add(h, Role.PACKAGE_MIRROR, host.line(), TextLines.line(lines, host.line()), "proxy"),
                () -> out.error(host.line(), "proxy host '" + host.value() + "' is not a host name or address"));
    }

    private static String message(XMLStreamException e) {
        String m = e.getMessage() == null ? "unreadable" : e.getMessage();
        int marker = m.indexOf("Message: ");
        return marker >= 0 ? m.substring(marker + "Message: ".length()) : m;
    }
}
