package org.sovaudit.parse.inventory;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
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

/**
 * nmap's XML output ({@code nmap -oX}), read with the JDK's StAX parser with DTDs and external
 * entities off (nmap's own {@code <!DOCTYPE nmaprun>} is harmless; an entity it would declare is
 * refused). For every host that is up, as attached devices: its IP addresses, its MAC address with
 * nmap's vendor guess as context ({@code vendor=...}), its DNS names, the product and version of
 * every open port's service (context {@code tcp/22 ssh}) and nmap's best operating-system match
 * (context {@code os-match accuracy=96}). An address nmap could not have written, or a broken
 * document, is reported with its line.
 */
public final class NmapXmlParser implements Parser {

    static final long MAX_BYTES = 64L << 20;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_PRODUCT = 200;

    @Override
    public String id() {
        return "nmap-xml";
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "nmap XML scan results: addresses, MAC vendors, service banners and OS matches of attached devices";
    }

    @Override
    public Set<Role> roles() {
        return Set.of(Role.ATTACHED_DEVICE);
    }

    @Override
    public boolean accepts(SourceFile file) {
        return file.head(4096).contains("<nmaprun");
    }

    @Override
    public ParseResult parse(SourceFile file) {
        ParseResult tooLarge = ResultBuilder.tooLarge(file, MAX_BYTES);
        if (tooLarge != null) {
            return tooLarge;
        }
        ResultBuilder out = new ResultBuilder(file.path());
        List<String> lines = TextLines.split(file.text());
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(new StringReader(file.text()));
            new Reader(xml, lines, out).read();
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
            String m = e.getMessage() == null ? "unreadable" : e.getMessage();
            int marker = m.indexOf("Message: ");
            out.error(line, "XML: " + (marker >= 0 ? m.substring(marker + "Message: ".length()) : m));
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

    private static final class Reader {
        private final XMLStreamReader xml;
        private final List<String> lines;
        private final ResultBuilder out;
        private int depth;
        private boolean up;
        private boolean bestOsSeen;
        private String portContext = "";
        private boolean portOpen;
        /** The service of the port being read, added when the port ends: its state may come after it. */
        private Runnable portService;

        Reader(XMLStreamReader xml, List<String> lines, ResultBuilder out) {
            this.xml = xml;
            this.lines = lines;
            this.out = out;
        }

        void read() throws XMLStreamException {
            // a host's status comes before its addresses in nmap's output; entries are kept until the host ends
            List<Runnable> pending = new java.util.ArrayList<>();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (xml.getLocalName().equals("port")) {
                        if (portOpen && portService != null) {
                            pending.add(portService);
                        }
                        portService = null;
                    } else if (xml.getLocalName().equals("host")) {
                        if (up) {
                            pending.forEach(Runnable::run);
                        }
                        pending.clear();
                    }
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (++depth > MAX_DEPTH) {
                    throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH, xml.getLocation());
                }
                int line = xml.getLocation().getLineNumber();
                switch (xml.getLocalName()) {
                    case "host" -> {
                        up = true;
                        bestOsSeen = false;
                    }
                    case "status" -> up = !"down".equals(attr("state"));
                    case "address" -> address(line, pending);
                    case "hostname" -> {
                        String name = attr("name");
                        if (name != null && name.indexOf('.') > 0) {
                            Values.hostname(name).ifPresent(h -> pending.add(() ->
                                    add(ObservationKind.HOSTNAME, h, line, "")));
                        }
                    }
                    case "port" -> {
                        portContext = attr("protocol") + "/" + attr("portid");
                        portOpen = false;
                        portService = null;
                    }
                    case "state" -> portOpen = "open".equals(attr("state"));
                    case "service" -> service(line);
                    case "osmatch" -> {
                        String name = attr("name");
                        if (!bestOsSeen && name != null && !name.isBlank()) {
                            bestOsSeen = true;
                            String context = "os-match accuracy=" + attr("accuracy");
                            pending.add(() -> add(ObservationKind.PRODUCT, cap(name), line, context));
                        }
                    }
                    default -> {
                    }
                }
            }
        }

        private void address(int line, List<Runnable> pending) {
            String addr = attr("addr");
            String type = attr("addrtype");
            if (addr == null || type == null) {
                return;
            }
            if (type.equals("mac")) {
                Optional<String> mac = Macs.parse(addr);
                if (mac.isEmpty()) {
                    out.error(line, "MAC address '" + addr + "' is malformed");
                    return;
                }
                String vendor = attr("vendor");
                String context = vendor == null || vendor.isBlank() ? "" : "vendor=" + vendor.strip();
                if (Macs.unicast(mac.get())) {
                    pending.add(() -> add(ObservationKind.MAC, mac.get(), line, context));
                }
                return;
            }
            Optional<String> ip = Values.ip(addr);
            if (ip.isEmpty()) {
                out.error(line, type + " address '" + addr + "' is not a valid IP address");
                return;
            }
            pending.add(() -> add(ObservationKind.IP_ADDRESS, ip.get(), line, ""));
        }

        private void service(int line) {
            String product = attr("product");
            if (product == null || product.isBlank()) {
                return;
            }
            String version = attr("version");
            String value = cap(product.strip() + (version == null || version.isBlank() ? "" : " " + version.strip()));
            String name = attr("name");
            String context = portContext + (name == null || name.isBlank() ? "" : " " + name);
            portService = () -> add(ObservationKind.PRODUCT, value, line, context);
        }

        private void add(ObservationKind kind, String value, int line, String context) {
            out.add(kind, value, Role.ATTACHED_DEVICE, line, TextLines.line(lines, line), context);
        }

        private String attr(String name) {
            return xml.getAttributeValue(null, name);
        }

        private static String cap(String s) {
            String v = s.replaceAll("\\s+", " ").strip();
            return v.length() > MAX_PRODUCT ? v.substring(0, MAX_PRODUCT).strip() : v;
        }
    }
}
